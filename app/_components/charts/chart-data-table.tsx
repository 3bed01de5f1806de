/**
 * The text alternative of a chart: the same figures as a table, read by screen readers (visually
 * hidden; the charts print their own labels). The first cell of each row is its row header.
 * Hidden by a wrapper: a table ignores `sr-only`'s width and overflow, so at phone width its
 * columns widened the page.
 */
export function ChartDataTable({
  title,
  columns,
  rows,
}: {
  title: string;
  columns: string[];
  rows: { key: string; cells: React.ReactNode[] }[];
}) {
  return (
    <div className="sr-only">
      <table>
        <caption>{title}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.cells[0]}</th>
              {r.cells.slice(1).map((c, i) => (
                <td key={i}>{c}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
