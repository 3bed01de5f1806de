/** Entry point of `npm run load` (the runner is lib/ops/load.ts). */
import { main } from "./load";

main(process.argv.slice(2)).then((code) => process.exit(code));
