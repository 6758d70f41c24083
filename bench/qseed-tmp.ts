import pg from "pg";
import { seedQualityBench } from "./seed-quality";
async function main() {
  const client = new pg.Client({ connectionString: process.argv[2] });
  await client.connect();
  const { projectId } = await seedQualityBench(client, { items: Number(process.argv[3]), k: 3 });
  console.log(projectId);
  await client.end();
}
void main();
