/** A form's error, announced to screen readers; renders nothing without one. */
export function FormError({ message, className = "" }: { message?: string | null; className?: string }) {
  if (!message) return null;
  return (
    <p role="alert" className={`text-sm text-red-700 ${className}`}>
      {message}
    </p>
  );
}
