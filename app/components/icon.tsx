import sprites from "bootstrap-italia/dist/svg/sprites.svg?url";

/** A Bootstrap Italia icon from its sprite sheet; decorative unless given a title. */
export function Icon({ name, className = "", title }: { name: string; className?: string; title?: string }) {
  return (
    <svg className={`icon ${className}`.trim()} role={title ? "img" : undefined} aria-hidden={title ? undefined : true}>
      {title ? <title>{title}</title> : null}
      <use href={`${sprites}#${name}`} />
    </svg>
  );
}
