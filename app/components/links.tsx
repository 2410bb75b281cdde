import type { MouseEvent } from "react";
import { useNavigate } from "react-router";

/**
 * For a container of many plain links (the reporting grid has hundreds): a click on one of them
 * navigates within the app, as a `<Link>` would, without a `<Link>` per cell. A click with a
 * modifier key or another button, on a link to another site, a download or another window, is
 * left to the browser (new tab, new window...).
 */
export function useLinksInApp() {
  const navigate = useNavigate();
  return (event: MouseEvent<HTMLElement>) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.altKey || event.ctrlKey || event.shiftKey) return;
    const link = event.target instanceof Element ? event.target.closest("a") : null;
    if (!link || !event.currentTarget.contains(link) || link.target || link.hasAttribute("download") || link.origin !== window.location.origin) return;
    event.preventDefault();
    navigate(`${link.pathname}${link.search}${link.hash}`);
  };
}
