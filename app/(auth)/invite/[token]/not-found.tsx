// The reason a link is dead is shown by the layout, which knows the link.
export default function InviteNotFound() {
  return null;
}
