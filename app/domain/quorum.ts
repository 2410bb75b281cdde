// Quorum rules of governance meetings. The base is always the partner organisations on the
// meeting's day: adhering organisations attend and speak but are not counted.

export const QUORUM_RULES = {
  HALF_PLUS_ONE: "metà più uno delle organizzazioni partner",
  ONE_THIRD: "un terzo delle organizzazioni partner",
  TWO_THIRDS: "due terzi delle organizzazioni partner",
  NONE: "nessun quorum",
} as const;
export type QuorumRule = keyof typeof QUORUM_RULES;

export const isQuorumRule = (rule: string): rule is QuorumRule => Object.hasOwn(QUORUM_RULES, rule);
export const quorumRuleLabel = (rule: string) => (isQuorumRule(rule) ? QUORUM_RULES[rule] : rule);

/**
 * How many partner organisations must be present. "Metà più uno" is the smallest number above half
 * (26 → 14, 25 → 13); fractions round up, because a third of 26 partners is not met by 8.
 */
export function quorumRequired(rule: QuorumRule, partnerCount: number): number {
  const count = Math.max(0, Math.floor(partnerCount));
  switch (rule) {
    case "HALF_PLUS_ONE":
      return Math.floor(count / 2) + 1;
    case "ONE_THIRD":
      return Math.ceil(count / 3);
    case "TWO_THIRDS":
      return Math.ceil((count * 2) / 3);
    case "NONE":
      return 0;
  }
}

export interface QuorumStatus {
  required: number;
  present: number;
  met: boolean;
  label: string;
}

export function quorumStatus(rule: QuorumRule, partnerCount: number, presentPartnerCount: number): QuorumStatus {
  const required = quorumRequired(rule, partnerCount);
  // With no partner at all nobody can deliberate under a rule that asks for partners.
  const met = rule === "NONE" || (partnerCount > 0 && presentPartnerCount >= required);
  return { required, present: presentPartnerCount, met, label: QUORUM_RULES[rule] };
}

/** "Quorum raggiunto: 15 organizzazioni partner presenti su 26 (ne servono 14)". */
/** "1 organizzazione partner presente", "15 organizzazioni partner presenti" */
export const partnersPresent = (count: number) => (count === 1 ? "1 organizzazione partner presente" : `${count} organizzazioni partner presenti`);

export function quorumSentence(status: QuorumStatus, partnerCount: number) {
  const present = partnersPresent(status.present);
  const needed = status.required === 1 ? "ne serve 1" : `ne servono ${status.required}`;
  return `Quorum ${status.met ? "raggiunto" : "non raggiunto"}: ${present} su ${partnerCount} (${needed})`;
}
