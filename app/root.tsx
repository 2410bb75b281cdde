import "bootstrap-italia/dist/css/bootstrap-italia.min.css";
import "./styles/fonts.css";
import "./styles/app.css";
import { useRef, useState } from "react";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteLoaderData,
} from "react-router";
import type { Route } from "./+types/root";
import { can, getOptionalUser, roleLabel } from "~/auth/permissions.server";
import { sessionMiddleware } from "~/auth/session.server";
import { Icon } from "~/components/icon";
import { useNonce } from "~/components/nonce";
import { countUnreadAnnouncements } from "~/domain/announcements.server";
import { getCoordinatingBodyName } from "~/domain/organisations.server";
import { env } from "~/env.server";

export const links: Route.LinksFunction = () => [{ rel: "icon", href: "/favicon.svg", type: "image/svg+xml" }];

export const middleware: Route.MiddlewareFunction[] = [sessionMiddleware];

export async function loader(args: Route.LoaderArgs) {
  const user = getOptionalUser(args);
  return {
    tavoloName: env.TAVOLO_NAME,
    enteName: await getCoordinatingBodyName(),
    user: user && {
      name: user.name,
      roleLabel: roleLabel(user.role),
      organisationName: user.organisationName,
      canManageUsers: can(user, "manage", { kind: "users" }),
      canReadAuditLog: can(user, "view", { kind: "auditLog" }),
      canManageTransparency: can(user, "manage", { kind: "settings" }),
      canSeeReporting: can(user, "view", { kind: "reporting" }),
      unreadAnnouncements: await countUnreadAnnouncements(user.id),
      canReadDevMail: env.NODE_ENV !== "production" && can(user, "view", { kind: "outbox" }),
    },
  };
}

type RootData = Awaited<ReturnType<typeof loader>>;

export function Layout({ children }: { children: React.ReactNode }) {
  const nonce = useNonce();
  const data = useRouteLoaderData<RootData>("root");
  return (
    <html lang="it">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <div className="skiplinks">
          <a className="visually-hidden-focusable" href="#main-content">
            Vai al contenuto principale
          </a>
        </div>
        <Header data={data} />
        <main id="main-content" className="tavolo-page">
          {children}
        </main>
        <Footer data={data} />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function Header({ data }: { data: RootData | undefined }) {
  const [menuOpen, setMenuOpen] = useState(false);
  const location = useLocation();
  const user = data?.user;
  const navItems = user
    ? [
        { to: "/", label: "Home", end: true },
        { to: "/comunicazioni", label: "Comunicazioni", end: false, badge: user.unreadAnnouncements },
        { to: "/riunioni", label: "Riunioni", end: false },
        { to: "/verbali", label: "Verbali", end: false },
        { to: "/decisioni", label: "Decisioni", end: false },
        { to: "/progetti", label: "Progetti", end: false },
        ...(user.canSeeReporting ? [{ to: "/rendicontazioni", label: "Rendicontazioni", end: false }] : []),
        { to: "/servizi", label: "Servizi", end: false },
        { to: "/documenti", label: "Documenti", end: false },
      ]
    : [];
  return (
    <header className="it-header-wrapper" key={location.pathname}>
      <div className="it-header-slim-wrapper">
        <div className="container">
          <div className="row">
            <div className="col-12">
              <div className="it-header-slim-wrapper-content">
                <span className="d-lg-block navbar-brand">{data?.enteName ?? "Tavolo"}</span>
                <div className="it-header-slim-right-zone">
                  {user ? (
                    <>
                      {user.canReadDevMail ? (
                        <Link to="/sviluppo/posta" className="text-white me-3">
                          Posta in uscita <span className="d-none d-md-inline">(sviluppo)</span>
                        </Link>
                      ) : null}
                      {user.canManageUsers ? (
                        <NavLink to="/utenti" className="text-white me-3 d-none d-lg-inline">
                          Utenti e inviti
                        </NavLink>
                      ) : null}
                      {user.canReadAuditLog ? (
                        <NavLink to="/registro-modifiche" className="text-white me-3 d-none d-lg-inline">
                          Registro modifiche
                        </NavLink>
                      ) : null}
                      {user.canManageTransparency ? (
                        <NavLink to="/impostazioni/trasparenza" className="text-white me-3 d-none d-lg-inline">
                          Trasparenza<span className="visually-hidden">: che cosa è pubblico</span>
                        </NavLink>
                      ) : null}
                      <Link to="/profilo" className="text-white me-3">
                        <span className="visually-hidden">Profilo di </span>
                        {user.name} <span className="d-none d-md-inline">({user.roleLabel})</span>
                      </Link>
                      <Form method="post" action="/esci">
                        <button type="submit" className="btn-link-slim">
                          Esci
                        </button>
                      </Form>
                    </>
                  ) : (
                    <Link to="/accedi" className="btn btn-primary btn-icon btn-full" aria-label="Accedi">
                      <span className="rounded-icon" aria-hidden="true">
                        <Icon name="it-user" className="icon-primary" />
                      </span>
                      <span className="d-none d-lg-block">Accedi</span>
                    </Link>
                  )}
                </div>
              </div>
            </div>
          </div>
        </div>
      </div>
      <div className="it-nav-wrapper">
        <div className="it-header-center-wrapper">
          <div className="container">
            <div className="row">
              <div className="col-12">
                <div className="it-header-center-content-wrapper">
                  <div className="it-brand-wrapper">
                    <Link to="/">
                      <Icon name="it-pa" className="icon" />
                      <div className="it-brand-text">
                        <div className="it-brand-title">{data?.tavoloName ?? "Tavolo Povertà"}</div>
                        <div className="it-brand-tagline d-none d-md-block">
                          La rete del territorio contro la povertà
                        </div>
                      </div>
                    </Link>
                  </div>
                  {user ? <HeaderSearch /> : null}
                </div>
              </div>
            </div>
          </div>
        </div>
        {navItems.length > 0 ? (
          <div className="it-header-navbar-wrapper">
            <div className="container">
              <div className="row">
                <div className="col-12">
                  <nav className="navbar navbar-expand-lg" aria-label="Navigazione principale">
                    <button
                      className="custom-navbar-toggler"
                      type="button"
                      aria-controls="menu-principale"
                      aria-expanded={menuOpen}
                      aria-label="Mostra o nascondi il menu"
                      onClick={() => setMenuOpen((open) => !open)}
                    >
                      <Icon name="it-burger" />
                    </button>
                    <div
                      className={`navbar-collapsable${menuOpen ? " expanded" : ""}`}
                      id="menu-principale"
                      style={menuOpen ? { display: "block" } : undefined}
                    >
                      <div className="overlay" style={menuOpen ? { display: "block" } : undefined} />
                      <div className="close-div">
                        <button className="btn close-menu" type="button" onClick={() => setMenuOpen(false)}>
                          <span className="visually-hidden">Chiudi il menu</span>
                          <Icon name="it-close-big" />
                        </button>
                      </div>
                      <div className="menu-wrapper">
                        <ul className="navbar-nav">
                          {navItems.map((item) => (
                            <li className="nav-item" key={item.to}>
                              <NavLink to={item.to} end={item.end} className="nav-link">
                                <span>{item.label}</span>
                                {item.badge ? (
                                  <span className="badge rounded-pill bg-danger ms-1">
                                    {item.badge}
                                    <span className="visually-hidden"> da leggere</span>
                                  </span>
                                ) : null}
                              </NavLink>
                            </li>
                          ))}
                          <TavoloMenu />
                          {/* On a phone the top bar has no room for it: the menu carries it. */}
                          {user?.canManageUsers ? (
                            <li className="nav-item d-lg-none">
                              <NavLink to="/utenti" className="nav-link">
                                <span>Utenti e inviti</span>
                              </NavLink>
                            </li>
                          ) : null}
                          {user?.canReadAuditLog ? (
                            <li className="nav-item d-lg-none">
                              <NavLink to="/registro-modifiche" className="nav-link">
                                <span>Registro delle modifiche</span>
                              </NavLink>
                            </li>
                          ) : null}
                          {user?.canManageTransparency ? (
                            <li className="nav-item d-lg-none">
                              <NavLink to="/impostazioni/trasparenza" className="nav-link">
                                <span>Trasparenza</span>
                                <span className="visually-hidden">: che cosa è pubblico</span>
                              </NavLink>
                            </li>
                          ) : null}
                        </ul>
                      </div>
                    </div>
                  </nav>
                </div>
              </div>
            </div>
          </div>
        ) : null}
      </div>
    </header>
  );
}

/**
 * Search across the tavolo: a plain GET form to /cerca, so it works without JavaScript. On a phone
 * the header has room for the button only; the results page carries its own box.
 */
function HeaderSearch() {
  const location = useLocation();
  const current = location.pathname === "/cerca" ? (new URLSearchParams(location.search).get("q") ?? "") : "";
  return (
    <div className="it-right-zone tavolo-header-search">
      <Form method="get" action="/cerca" role="search" aria-label="Cerca nel tavolo" className="d-flex align-items-center gap-2">
        <label htmlFor="header-search-q" className="visually-hidden">
          Cerca nel tavolo
        </label>
        <input id="header-search-q" type="search" name="q" defaultValue={current} placeholder="Cerca nel tavolo" className="form-control d-none d-md-block" autoComplete="off" />
        <button type="submit" className="btn btn-icon rounded-icon-button" aria-label="Cerca nel tavolo">
          <span className="rounded-icon">
            <Icon name="it-search" className="icon-primary" />
          </span>
        </button>
      </Form>
    </div>
  );
}

/** The tavolo's own records, grouped in one menu entry so the menu keeps to one line on a laptop. */
const TAVOLO_LINKS = [
  { to: "/organizzazioni", label: "Organizzazioni" },
  { to: "/reti", label: "Reti tematiche" },
  { to: "/gruppi", label: "Gruppi di lavoro" },
  { to: "/protocolli", label: "Protocolli" },
  { to: "/obiettivi", label: "Obiettivi strategici" },
];

function TavoloMenu() {
  const menu = useRef<HTMLDetailsElement>(null);
  const location = useLocation();
  const current = TAVOLO_LINKS.some((link) => location.pathname === link.to || location.pathname.startsWith(`${link.to}/`));
  const close = () => {
    if (menu.current) menu.current.open = false;
  };
  // <details> opens and closes without JavaScript; once hydrated, Escape and focus moving
  // elsewhere (a click outside, Tab past the last link) close it too.
  return (
    <li
      className="nav-item dropdown"
      onKeyDown={(event) => {
        if (event.key === "Escape") close();
      }}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget)) close();
      }}
    >
      <details ref={menu} className="tavolo-menu">
        <summary className={`nav-link dropdown-toggle tavolo-menu-toggle${current ? " active" : ""}`} aria-current={current ? "page" : undefined}>
          <span>Il tavolo</span>
          <Icon name="it-expand" className="icon-xs ms-1" />
        </summary>
        <div className="dropdown-menu show">
          <div className="link-list-wrapper">
            <ul className="link-list">
              {TAVOLO_LINKS.map((link) => (
                <li key={link.to}>
                  <NavLink to={link.to} className="dropdown-item list-item">
                    <span>{link.label}</span>
                  </NavLink>
                </li>
              ))}
            </ul>
          </div>
        </div>
      </details>
    </li>
  );
}

function Footer({ data }: { data: RootData | undefined }) {
  return (
    <footer className="it-footer mt-5">
      <div className="it-footer-main">
        <div className="container">
          <div className="row py-4">
            <div className="col-md-8">
              <h2 className="h5 text-white">{data?.tavoloName ?? "Tavolo Povertà"}</h2>
              <p className="text-white mb-0">
                {data?.enteName ? `Coordinamento: ${data.enteName}. ` : ""}Organizzazioni partner, riunioni, verbali, gruppi
                di lavoro e rendicontazioni del tavolo in un unico posto.
              </p>
            </div>
            <div className="col-md-4">
              <ul className="list-unstyled mb-0">
                <li>
                  <Link to="/pubblico" className="text-white">
                    Trasparenza
                  </Link>
                </li>
                <li>
                  <Link to="/accessibilita" className="text-white">
                    Dichiarazione di accessibilità
                  </Link>
                </li>
                <li>
                  <Link to="/privacy" className="text-white">
                    Privacy
                  </Link>
                </li>
              </ul>
            </div>
          </div>
        </div>
      </div>
    </footer>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  let title = "Si è verificato un errore";
  let message = "Qualcosa non ha funzionato. Riprova tra poco; se il problema continua, avvisa il coordinamento del tavolo.";
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) {
      title = "Pagina non trovata";
      message = "La pagina che cerchi non esiste o è stata spostata.";
    } else if (error.status === 403) {
      title = "Accesso non consentito";
      message = typeof error.data === "string" && error.data ? error.data : "Non hai i permessi per questa pagina.";
    } else if (typeof error.data === "string" && error.data) {
      title = `Errore ${error.status}`;
      message = error.data;
    }
  } else if (import.meta.env.DEV && error instanceof Error) {
    message = error.message;
  }
  return (
    <div className="container my-5">
      <title>{`${title} · Tavolo`}</title>
      <h1>{title}</h1>
      <p className="lead">{message}</p>
      <Link to="/" className="btn btn-primary">
        Torna alla home
      </Link>
    </div>
  );
}
