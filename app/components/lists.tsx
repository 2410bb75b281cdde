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
}: {
  id: string;
  label: string;
  all: string;
  value: string;
  options: { value: string; label: string }[];
  columns: string;
}) {
  return (
    <div className={`${columns} select-wrapper form-group mb-0`}>
      <label htmlFor={`filtro-${id}`} className="active">
        {label}
      </label>
      <select id={`filtro-${id}`} name={id} className="form-select" defaultValue={value}>
        <option value="">{all}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Numbered pages with previous/next; nothing when everything fits one page. */
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
        {Array.from({ length: pageCount }, (_, i) => i + 1).map((n) => (
          <li key={n} className="page-item">
            <Link className="page-link" to={hrefFor(n)} aria-current={n === page ? "page" : undefined}>
              <span className="visually-hidden">Pagina </span>
              {n}
            </Link>
          </li>
        ))}
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
