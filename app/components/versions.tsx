import type { ReactNode } from "react";
import { Form } from "react-router";
import { SelectField } from "~/components/forms";

/**
 * "Confronta due versioni": the two selects of a GET form, and what changed between the chosen
 * versions (children), for verbali and rendicontazioni alike.
 */
export function CompareVersions({
  versions,
  selected,
  comparison,
  children,
}: {
  versions: { number: number; at: string }[];
  selected: { a: number; b: number };
  comparison: { a: number; b: number } | null;
  children: ReactNode;
}) {
  const options = versions.map((v) => ({ value: String(v.number), label: `Versione ${v.number} del ${v.at}` }));
  return (
    <section aria-labelledby="confronto-titolo">
      <h2 id="confronto-titolo" className="h4">
        Confronta due versioni
      </h2>
      <Form method="get" className="row align-items-end">
        <div className="col-md-5">
          <SelectField name="a" label="Versione di partenza" options={options} defaultValue={String(selected.a)} />
        </div>
        <div className="col-md-5">
          <SelectField name="b" label="Versione da confrontare" options={options} defaultValue={String(selected.b)} />
        </div>
        <div className="col-md-2 mb-4">
          <button type="submit" className="btn btn-primary">
            Confronta
          </button>
        </div>
      </Form>
      {comparison ? (
        <>
          <p>
            Dalla versione {comparison.a} alla versione {comparison.b}: il testo <ins>sottolineato</ins> è stato aggiunto, quello <del>barrato</del> tolto.
          </p>
          {children}
        </>
      ) : (
        <p className="empty-state">Scegli due versioni diverse per vedere che cosa è cambiato.</p>
      )}
    </section>
  );
}
