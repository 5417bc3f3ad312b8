// The API of the msc-therapy package. The document types (`Product`, `OfferEvaluation`, …) are
// generated from the crate's JSON Schemas into ./schema.d.ts by scripts/gen-types.mjs.
import type {
  ClinicOffer,
  EuAssessment,
  JpAssessment,
  OfferEvaluation,
  OfferPolicy,
  Product,
  ProductAssessment,
  QualityPolicy,
  QualityReport,
  UsAssessment,
  CatalogKey,
  SettlingFacts,
  SmallestChanges,
  UsClassification,
  QualityVerdict,
  EuClassification,
  AsrmRiskClass,
  PmdActStatus,
  PatientVerdict,
} from './schema';

export * from './schema';

/** A document as JSON text, or as a plain object (passed through `JSON.stringify`). */
export type Json<T> = string | T;

/**
 * The evaluation date: an ISO 8601 calendar date (`"2026-12-07"`) or a `Date` (its local
 * calendar date). Left out, today's local date.
 */
export type EvaluationDate = string | Date;

/** What kind of problem made a document unreadable: the crate's `DocumentErrorKind`. */
export type DocumentErrorKind =
  | 'syntax'
  | 'unknown_field'
  | 'missing_field'
  | 'duplicate_field'
  | 'wrong_type'
  | 'unknown_code'
  | 'invalid_value'
  | 'too_large'
  | 'io'
  | 'other';

/** The error every function throws for input it cannot read. */
export interface DocumentError extends Error {
  name: 'DocumentError';
  /** What kind of problem it is. */
  kind: DocumentErrorKind;
  /** The dotted path of the failing field (`release.viability`); `"."` for the document itself. */
  path: string;
  /** What is wrong, without the path. */
  detail: string;
  /** The 1-based line of a syntax error in JSON text, if known. */
  line: number | null;
  /** The 1-based column of a syntax error in JSON text, if known. */
  column: number | null;
}

/** Every engine over one product, release quality under the default policy. */
export declare function assessProduct(product: Json<Product>, on?: EvaluationDate): ProductAssessment;
/** Every engine over one product, release quality under `policy`. */
export declare function assessProductWith(
  product: Json<Product>,
  policy: Json<QualityPolicy>,
  on?: EvaluationDate,
): ProductAssessment;
/** The patient's checklist over a clinic's offer, under the default policy. */
export declare function evaluateOffer(offer: Json<ClinicOffer>, on?: EvaluationDate): OfferEvaluation;
/** The patient's checklist over a clinic's offer, under `policy`. */
export declare function evaluateOfferWith(
  offer: Json<ClinicOffer>,
  policy: Json<OfferPolicy>,
  on?: EvaluationDate,
): OfferEvaluation;
/** US classification under 21 CFR Part 1271. */
export declare function classifyUs(product: Json<Product>, on?: EvaluationDate): UsAssessment;
/** EU classification under Regulation (EC) No 1394/2007. */
export declare function classifyEu(product: Json<Product>, on?: EvaluationDate): EuAssessment;
/** Japanese classification under the ASRM and the PMD Act. */
export declare function classifyJp(product: Json<Product>, on?: EvaluationDate): JpAssessment;
/** Japanese classification of a product that holds the authorisation `key`. */
export declare function classifyJpAuthorised(
  product: Json<Product>,
  key: CatalogKey,
  on?: EvaluationDate,
): JpAssessment;
/** Release quality under `policy` (the default policy when left out or `null`). */
export declare function assessQuality(
  product: Json<Product>,
  policy?: Json<QualityPolicy> | null,
  on?: EvaluationDate,
): QualityReport;
/**
 * A headline a product's search can reach: `engine:code`, or a code only one engine answers
 * (`"section_361_hctp"`, `"pass"`; a code several engines answer, such as `"undetermined"`, is
 * thrown as a `DocumentError` of kind `unknown_code` at `target`).
 */
export type ProductTarget =
  | `us:${UsClassification}`
  | `quality:${QualityVerdict}`
  | `eu:${EuClassification}`
  | `jp_risk_class:${AsrmRiskClass}`
  | `jp_pmd_act:${PmdActStatus}`
  | UsClassification
  | QualityVerdict
  | EuClassification
  | AsrmRiskClass
  | PmdActStatus;
/**
 * What would change the verdict of a product: the facts whose statement would settle an open
 * answer, each with the headline every value leads to, most effect first.
 */
export declare function settlingFacts(product: Json<Product>, on?: EvaluationDate): SettlingFacts;
/**
 * The questions whose answers would move an offer's verdict (each fact with the questions to put
 * to the clinic), those that would move it furthest first.
 */
export declare function settlingOfferFacts(offer: Json<ClinicOffer>, on?: EvaluationDate): SettlingFacts;
/**
 * The smallest sets of one or two changes to a product that reach `target`, smallest first, each
 * re-checked by running the engines on the changed document; `unreachable` when none within the
 * documented limits (`limits`) does.
 */
export declare function smallestChanges(
  product: Json<Product>,
  target: ProductTarget,
  on?: EvaluationDate,
): SmallestChanges;
/** The smallest changes to a clinic's offer that reach the patient's verdict `target`. */
export declare function smallestOfferChanges(
  offer: Json<ClinicOffer>,
  target: PatientVerdict,
  on?: EvaluationDate,
): SmallestChanges;
/** Reads a product: returns it as the library writes it, or throws a `DocumentError`. */
export declare function validateProduct(product: Json<Product>): Product;
/** Reads a clinic's offer: returns it as the library writes it, or throws a `DocumentError`. */
export declare function validateOffer(offer: Json<ClinicOffer>): ClinicOffer;
/** Reads a quality policy: returns it with its defaults filled in, or throws. */
export declare function validateQualityPolicy(policy: Json<QualityPolicy>): QualityPolicy;
/** Reads an offer policy: returns it with its defaults filled in, or throws. */
export declare function validateOfferPolicy(policy: Json<OfferPolicy>): OfferPolicy;

/** One term of a vocabulary. */
export interface VocabularyTerm {
  /** The code JSON documents use. */
  code: string;
  /** Its label for people. */
  label: string;
  description?: string;
  /** The facts the rule engines read, where the vocabulary has them. */
  facts?: Record<string, unknown>;
}
/** Every vocabulary of the library (the crate's `vocabulary.json`). */
export interface Vocabularies {
  description: string;
  version: string;
  vocabularies: Record<string, { description: string; terms: VocabularyTerm[] }>;
}
/** Every vocabulary: each term's code, label, description and facts. */
export declare function vocabulary(): Vocabularies;
/** The version of the library. */
export declare function version(): string;

/**
 * Browsers (the web build) only: loads the WebAssembly module; await it once before any other
 * call. `module_or_path` defaults to the `.wasm` file beside the module.
 */
export default function init(
  module_or_path?: { module_or_path: string | URL | Request | Response | BufferSource | WebAssembly.Module },
): Promise<unknown>;
