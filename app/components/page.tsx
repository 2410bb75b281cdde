import type { ReactNode } from "react";
import { Link } from "react-router";

export function PageHeader({ title, lead, children }: { title: string; lead?: ReactNode; children?: ReactNode }) {
  return (
    <div className="d-flex flex-wrap align-items-end justify-content-between gap-3 mb-4">
      <div>
        <h1 className="mb-2">{title}</h1>
        {lead ? <p className="lead mb-0">{lead}</p> : null}
      </div>
      {children}
    </div>
  );
}

/** Narrow single-column page for sign-in and similar forms. */
export function NarrowPage({ children }: { children: ReactNode }) {
  return (
    <div className="container my-5">
      <div className="row justify-content-center">
        <div className="col-12 col-md-8 col-lg-6">{children}</div>
      </div>
    </div>
  );
}

/** A link from a mail that can no longer be used, saying why and what to do instead. */
export function UnusableLink({ title, problem, next }: { title: string; problem: string; next: { to: string; label: string } }) {
  return (
    <NarrowPage>
      <h1>{title}</h1>
      <div className="alert alert-warning" role="alert">
        {problem}
      </div>
      <Link to={next.to} className="btn btn-primary">
        {next.label}
      </Link>
    </NarrowPage>
  );
}

export const pageTitle = (title: string) => [{ title: `${title} · Tavolo` }];
