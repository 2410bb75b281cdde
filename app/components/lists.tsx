import type { ReactNode } from "react";
import { Link } from "react-router";

// The pieces every filtered, paginated list shares (organisations, meetings, decision register).

/** A filter of a GET search form: "all" first, then the choices; `columns` sizes it in the grid. */
export function FilterSelect({
  id,
  label,
  all,
  value,
  options,
  columns,
  hint,
}: {
  id: string;
  label: string;
  all: string;
  value: string;
  options: { value: string; label: string }[];
  columns: string;
  /** A line under the select saying what it offers, when that is not obvious */
  hint?: string;
}) {
  return (
    <div className={`${columns} select-wrapper form-group mb-0`}>
      <label htmlFor={`filtro-${id}`} className="active">
        {label}
      </label>
      <select
        id={`filtro-${id}`}
        name={id}
        className="form-select"
        defaultValue={value}
        aria-describedby={hint ? `filtro-${id}-aiuto` : undefined}
      >
        <option value="">{all}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {hint ? (
        <small id={`filtro-${id}-aiuto`} className="form-text">
          {hint}
        </small>
      ) : null}
    </div>
  );
}

/** Page numbers kept on each side of the current one; the first and the last are always there. */
const PAGE_NEIGHBOURS = 2;

/**
 * The page numbers a pagination shows: the first, the last and the current one with its
 * neighbours, `null` where numbers are left out ("…"). A ten-year register has hundreds of pages:
 * a link to each would make the list unusable with a screen reader and the page heavy.
 */
export function pageWindow(page: number, pageCount: number): (number | null)[] {
  const shown = new Set([1, pageCount]);
  for (let n = page - PAGE_NEIGHBOURS; n <= page + PAGE_NEIGHBOURS; n++) if (n >= 1 && n <= pageCount) shown.add(n);
  // A gap of a single page shows that page rather than "…" standing for one number.
  for (const n of [...shown]) if (shown.has(n + 2) && !shown.has(n + 1)) shown.add(n + 1);
  const numbers = [...shown].sort((a, b) => a - b);
  return numbers.flatMap((n, i) => (i > 0 && n - numbers[i - 1]! > 1 ? [null, n] : [n]));
}

/** Numbered pages around the current one, with previous/next; nothing when everything fits one page. */
export function Pagination({ page, pageCount, hrefFor, label }: { page: number; pageCount: number; hrefFor: (page: number) => string; label: string }) {
  if (pageCount <= 1) return null;
  return (
    <nav aria-label={label} className="pagination-wrapper">
      <ul className="pagination">
        {page > 1 ? (
          <li className="page-item">
            <Link className="page-link" to={hrefFor(page - 1)}>
              Pagina precedente
            </Link>
          </li>
        ) : null}
        {pageWindow(page, pageCount).map((n, i) =>
          n === null ? (
            <li key={`gap-${i}`} className="page-item">
              <span className="page-link" aria-hidden="true">
                …
              </span>
            </li>
          ) : (
            <li key={n} className="page-item">
              <Link className="page-link" to={hrefFor(n)} aria-current={n === page ? "page" : undefined}>
                <span className="visually-hidden">Pagina </span>
                {n}
                {n === pageCount ? <span className="visually-hidden"> (ultima)</span> : null}
              </Link>
            </li>
          ),
        )}
        {page < pageCount ? (
          <li className="page-item">
            <Link className="page-link" to={hrefFor(page + 1)}>
              Pagina successiva
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

/**
 * A table that scrolls sideways when it is wider than the screen (a phone): the wrapper takes the
 * keyboard focus, so it can be scrolled without a mouse (WCAG 2.1.1; axe's scrollable-region-focusable).
 * It is positioned so that visually hidden texts in its cells (absolutely positioned) scroll with
 * it instead of widening the whole page.
 */
export function ScrollableTable({ children, className = "" }: { children: ReactNode; className?: string }) {
  return (
    <div className={`table-responsive position-relative ${className}`.trim()} tabIndex={0}>
      {children}
    </div>
  );
}
