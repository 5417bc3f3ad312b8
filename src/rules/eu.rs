//! European Union: is an MSC product an advanced therapy medicinal product (ATMP)?
//!
//! Regulation (EC) No 1394/2007 makes a cell product an ATMP when its cells are *engineered*
//! (Art 2(1)(c)): substantially manipulated (Annex I lists manipulations that are not), or not
//! used for the same essential function(s) in the recipient as in the donor. Engineered cells make a tissue
//! engineered product (TEP), a somatic cell therapy medicinal product (sCTMP) or, when both
//! conditions of Directive 2001/83/EC Annex I Part IV point 2.1 hold, a gene therapy medicinal
//! product (GTMP). Cells that are not engineered stay human tissues and cells under Directive
//! 2004/23/EC, unless they are an autologous graft used within the same surgical procedure
//! (Art 2(2)(a)); from 7 August 2027 they are substances of human origin under Regulation (EU)
//! 2024/1938, which has no such exclusion and requires a SoHO preparation authorisation (Art 38(1)).

use crate::determination;
use crate::rules::homologous::{self, HomologousVerdict};
use crate::table::vocab;
use crate::{
    CellPreparation, Codes, Determination, Determined, Donor, Fact, FactValue, Finding, Indication,
    Mechanism, Outcome, ProcessingStep, Product, RuleId, Severity, TissueFunction,
};
use jiff::civil::Date;
use serde::Serialize;
use smallvec::SmallVec;
use std::fmt;

/// A short list of processing steps, kept on the stack.
type StepBuf = SmallVec<[ProcessingStep; 8]>;

vocab! {
    /// **Where EU law places a product**: not an ATMP (and under which tissues-and-cells regime),
    /// or an ATMP of a given class.
    ///
    /// An *ATMP* (advanced therapy medicinal product, Regulation (EC) No 1394/2007) needs a
    /// central marketing authorisation from the European Commission on the EMA's opinion, or the
    /// hospital exemption. Its classes are the *tissue engineered product* (TEP: regenerates,
    /// repairs or replaces a tissue), the *somatic cell therapy medicinal product* (sCTMP: treats
    /// a disease through the pharmacological, immunological or metabolic action of its cells) and
    /// the *gene therapy medicinal product* (GTMP).
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::EuClassification;
    ///
    /// let class: EuClassification = "somatic_cell_therapy".parse()?;
    /// assert_eq!(class, EuClassification::SomaticCellTherapy);
    /// assert_eq!(class.is_atmp(), Some(true));
    /// assert_eq!(EuClassification::Undetermined.is_atmp(), None);
    /// # Ok::<(), msc_therapy::UnknownCode>(())
    /// ```
    #[non_exhaustive]
    pub enum EuClassification {
        /// Not engineered, so not an ATMP: human tissues and cells under Directive 2004/23/EC
        /// (the SoHO Regulation (EU) 2024/1938 from 7 August 2027).
        NotAtmpTissuesAndCells => "not_atmp_tissues_and_cells", "not an ATMP: human tissues and cells (Directive 2004/23/EC)";
        /// Not engineered, and an autologous graft used within the same surgical procedure:
        /// excluded even from Directive 2004/23/EC (Art 2(2)(a)).
        ExcludedAutologousSameProcedure => "excluded_autologous_same_procedure", "not an ATMP: autologous graft within the same surgical procedure (excluded from Directive 2004/23/EC)";
        /// Not engineered: a substance of human origin under the SoHO Regulation (EU) 2024/1938,
        /// which applies from 7 August 2027 and replaces Directive 2004/23/EC. A SoHO preparation
        /// needs a SoHO preparation authorisation (Art 38(1)), even an autologous one prepared
        /// and immediately applied within one procedure: the same-procedure exclusion of the
        /// Directive has no counterpart.
        NotAtmpSoho => "not_atmp_soho", "not an ATMP: substance of human origin (Regulation (EU) 2024/1938), needs a SoHO preparation authorisation";
        /// ATMP: tissue engineered product.
        TissueEngineeredProduct => "tissue_engineered_product", "ATMP: tissue engineered product (TEP)";
        /// ATMP: somatic cell therapy medicinal product.
        SomaticCellTherapy => "somatic_cell_therapy", "ATMP: somatic cell therapy medicinal product (sCTMP)";
        /// ATMP: gene therapy medicinal product (the cells were genetically modified).
        GeneTherapy => "gene_therapy", "ATMP: gene therapy medicinal product (GTMP)";
        /// Engineered, so an ATMP, but its class is open: it fits both the TEP and the sCTMP
        /// definition, or no claimed purpose points to either.
        AtmpClassUndetermined => "atmp_class_undetermined", "ATMP, class undetermined";
        /// Whether it is an ATMP at all cannot be decided on the facts given.
        Undetermined => "undetermined", "undetermined";
    }
}

impl EuClassification {
    /// `Some(true)` for the ATMP classes, `Some(false)` for the two "not an ATMP" outcomes and
    /// `None` when undetermined.
    #[must_use]
    pub const fn is_atmp(self) -> Option<bool> {
        match self {
            Self::TissueEngineeredProduct
            | Self::SomaticCellTherapy
            | Self::GeneTherapy
            | Self::AtmpClassUndetermined => Some(true),
            Self::NotAtmpTissuesAndCells
            | Self::ExcludedAutologousSameProcedure
            | Self::NotAtmpSoho => Some(false),
            Self::Undetermined => None,
        }
    }
}

vocab! {
    /// **How EU law judges one processing step** for the first "engineered" criterion of
    /// Regulation (EC) No 1394/2007 Art 2(1)(c): is it a *substantial manipulation*?
    ///
    /// Art 2(1)(c), first indent, makes cells engineered when they "have been subject to
    /// substantial manipulation, so that biological characteristics, physiological functions or
    /// structural properties relevant for the intended regeneration, repair or replacement are
    /// achieved", and adds: "The manipulations listed in Annex I, in particular, shall not be
    /// considered as substantial manipulations". Annex I lists thirteen: cutting, grinding,
    /// shaping, centrifugation, soaking in antibiotic or antimicrobial solutions, sterilization,
    /// irradiation, cell separation, concentration or purification, filtering, lyophilization,
    /// freezing, cryopreservation, vitrification. "In particular" means the list is not
    /// exhaustive, so a step outside it is judged by the definition itself. Each
    /// [`ProcessingStep`] has one answer ([`ProcessingStep::eu_manipulation`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::{EuManipulation, ProcessingStep};
    ///
    /// assert_eq!(ProcessingStep::Centrifugation.eu_manipulation(), EuManipulation::AnnexI);
    /// assert_eq!(ProcessingStep::Rinsing.eu_manipulation(), EuManipulation::AchievesNoProperty);
    /// assert_eq!(ProcessingStep::CultureExpansion.eu_manipulation(), EuManipulation::Substantial);
    /// assert_eq!(EuManipulation::ForTheCat.is_substantial(), None);
    /// assert_eq!(EuManipulation::LikeCuttingAndGrinding.is_substantial(), Some(false));
    /// ```
    #[non_exhaustive]
    pub enum EuManipulation {
        /// Listed in Annex I: not a substantial manipulation.
        AnnexI => "annex_i", "listed in Annex I: not substantial";
        /// Mechanical fragmentation of tissue (e.g. micro-fragmented fat): not listed by name,
        /// but it is the kind of manipulation Annex I lists as cutting and grinding, which
        /// reduce tissue to smaller pieces without changing its cells; judged as those.
        LikeCuttingAndGrinding => "like_cutting_and_grinding", "mechanical fragmentation, judged as Annex I's cutting and grinding: not substantial";
        /// Rinsing or washing: not listed, but it achieves none of the properties Art 2(1)(c)
        /// names (no biological characteristic, physiological function or structural property
        /// relevant for regeneration, repair or replacement), and is milder than Annex I's
        /// "soaking in antibiotic or antimicrobial solutions" and "cell separation,
        /// concentration or purification". Not substantial.
        AchievesNoProperty => "achieves_no_property", "achieves none of the properties of Art 2(1)(c): not substantial";
        /// A substantial manipulation: cell culture and collagenase digestion (EMA's view as
        /// reported by Raposio & Ciliberti, Ann Med Surg 2017), genetic modification.
        Substantial => "substantial", "substantial manipulation";
        /// Outside Annex I and not settled by a cited source (activation, decellularisation, an
        /// unclassified step): whether it is substantial is for the CAT (Art 17).
        ForTheCat => "for_the_cat", "outside Annex I, unsettled: for the CAT";
    }
}

impl EuManipulation {
    /// `Some(true)` for a substantial manipulation, `Some(false)` for the three kinds that are
    /// not, `None` when it is left to the CAT.
    #[must_use]
    pub const fn is_substantial(self) -> Option<bool> {
        match self {
            Self::Substantial => Some(true),
            Self::AnnexI | Self::LikeCuttingAndGrinding | Self::AchievesNoProperty => Some(false),
            Self::ForTheCat => None,
        }
    }
}

impl ProcessingStep {
    /// **How EU law judges this step** under Regulation (EC) No 1394/2007 Art 2(1)(c), first
    /// indent, and Annex I: one row per step (see [`EuManipulation`]). Agrees with
    /// [`crate::StepInfo::eu_annex_i`] and [`crate::StepInfo::eu_named_substantial`].
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::{EuManipulation, ProcessingStep};
    ///
    /// assert_eq!(
    ///     ProcessingStep::MechanicalDisruption.eu_manipulation(),
    ///     EuManipulation::LikeCuttingAndGrinding
    /// );
    /// assert_eq!(ProcessingStep::Unclassified.eu_manipulation(), EuManipulation::ForTheCat);
    /// ```
    #[must_use]
    pub const fn eu_manipulation(self) -> EuManipulation {
        match self {
            Self::Cutting
            | Self::SizingShaping
            | Self::Grinding
            | Self::Centrifugation
            | Self::DensityGradientSeparation
            | Self::Filtering
            | Self::CellIsolation
            | Self::Cryopreservation
            | Self::Lyophilization
            | Self::Sterilization => EuManipulation::AnnexI,
            Self::MechanicalDisruption => EuManipulation::LikeCuttingAndGrinding,
            Self::Rinsing => EuManipulation::AchievesNoProperty,
            Self::EnzymaticDigestion | Self::CultureExpansion | Self::GeneticModification => {
                EuManipulation::Substantial
            }
            Self::Decellularization | Self::ActivationPriming | Self::Unclassified => {
                EuManipulation::ForTheCat
            }
        }
    }
}

/// **The EU classification of one product**, with the findings that support it.
///
/// Produced by [`classify_eu`]. Each finding cites the article it applies: the two "engineered"
/// criteria of Regulation (EC) No 1394/2007 Art 2(1)(c), the ATMP class (Art 2(1)(a)-(b) and
/// Directive 2001/83/EC Annex I Part IV), Directive 2004/23/EC Art 2, and the informational
/// hospital exemption (Art 28) and CAT classification (Art 17) findings.
///
/// `Display` writes a short memo: the classification on the first line, then one line per
/// finding.
///
/// # Examples
///
/// ```
/// use msc_therapy::{classify_eu, EuClassification, Product, Text};
///
/// let report = classify_eu(&Product::named(Text::new("unknown product")?), jiff::civil::date(2026, 12, 7));
/// assert_eq!(report.classification, EuClassification::Undetermined);
/// assert!(report.to_string().starts_with("EU classification: undetermined"));
/// # Ok::<(), msc_therapy::ValueError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct EuAssessment {
    /// Where EU law places the product.
    pub classification: EuClassification,
    /// The date the assessment applied (the caller's evaluation date).
    pub evaluated_on: crate::IsoDate,
    /// The findings, in the order the rules ran.
    pub findings: Vec<Finding>,
}

impl EuAssessment {
    /// The assessment on `on`: the findings held to the rule of certainty, and the knowledge
    /// horizon's warning added when `on` lies after it.
    fn new(classification: EuClassification, mut findings: Vec<Finding>, on: Date) -> Self {
        findings.extend(crate::law::horizon_finding(on));
        crate::law::calibrate(&mut findings);
        Self {
            classification,
            evaluated_on: on.into(),
            findings,
        }
    }

    /// The finding of one rule, if it ran.
    #[must_use]
    pub fn finding(&self, rule: RuleId) -> Option<&Finding> {
        self.findings.iter().find(|f| f.rule == rule)
    }
}

impl fmt::Display for EuAssessment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "EU classification: {} ({})",
            self.classification.code(),
            self.classification.label()
        )?;
        for finding in &self.findings {
            write!(f, "\n- {finding}")?;
        }
        Ok(())
    }
}

/// Room for every finding the engine writes, so that the list never grows.
const FINDINGS: usize = 10;

/// **Classifies a product under EU law**: ATMP (and which class) or human tissues and cells.
///
/// The steps, in the Regulation's order:
///
/// 1. *Substantial manipulation* (Art 2(1)(c), first indent): each processing step is judged
///    by [`ProcessingStep::eu_manipulation`]. A substantial step (cell culture, enzymatic
///    digestion, genetic modification) settles it; Annex I steps, mechanical fragmentation
///    (judged as Annex I's cutting and grinding) and rinsing or washing (which achieves none of
///    the properties the first indent names) are not substantial; any other step (activation,
///    decellularisation, an [`ProcessingStep::Unclassified`] step) leaves the question to the
///    CAT. A missing processing record leaves it open too.
/// 2. *Not the same essential function* (Art 2(1)(c), second indent), judged in "the same
///    anatomical or histological environment": the source tissue's basic functions
///    ([`crate::TissueInfo::basic_functions`]) against what the recipient's tissue does at the
///    site of use ([`crate::Product::site_of_use`], stated or derived from the route) and the
///    functions the indications imply ([`crate::IndicationInfo::implies`]) as well as the
///    declared ones ([`crate::IntendedUse::functions`]). A fat graft given into a vein or into
///    heart muscle is not used for the same essential function, whatever is declared.
/// 3. Engineered (either criterion met) means an ATMP. A genetic modification step makes it a
///    GTMP when the record also states condition (b) of Directive 2001/83/EC Annex I Part IV
///    point 2.1 ([`crate::Processing::effect_from_recombinant_nucleic_acid`]); unstated, the
///    class is open; stated `false`, the class follows the claims. Otherwise the class follows the principal mode of action the product is presented
///    with, read from the most specific evidence there is: the declared functions; else the
///    mechanisms that name a mode of action (cells said to become new tissue: repair;
///    immunomodulation: immunological); else the functions the indications imply
///    ([`crate::IndicationInfo::implies`]). A claim to regenerate, repair or replace a tissue
///    makes a TEP; a claim to treat a disease through the immunological action of the cells
///    makes an sCTMP (Alofisel, presented as immunomodulatory for perianal fistulas, is one in
///    its EPAR); a generic pharmacological mechanism (paracrine signalling, extracellular
///    vesicles) for an indication makes an sCTMP only when nothing else decides. A paracrine mechanism behind a tissue-repair claim is how the repair is said to
///    happen, not a second claim: the product stays a TEP. A product presented with both a
///    repair claim and an immunological claim fits both definitions; Art 2(4) is reported to
///    make such a product a TEP, and the crate applies that, with a warning, because the
///    Regulation's text of Art 2(4) could not be read (see [`RuleId::EuAtmpClass`]).
///    For an ATMP the route findings ask, and never settle: the hospital exemption (Art 28), the
///    scope condition of Directive 2001/83/EC Art 2(1) ("prepared industrially or manufactured
///    by a method involving an industrial process"), and compassionate use (Art 83 of
///    Regulation (EC) No 726/2004) or named-patient supply (Art 5(1) of Directive 2001/83/EC).
/// 4. Not engineered (both criteria not met) means not an ATMP. Until 6 August 2027: human
///    tissues and cells under Directive 2004/23/EC, or excluded from it as an autologous graft
///    within the same surgical procedure; the exclusion needs both facts shown. From 7 August
///    2027 ([`crate::SOHO_APPLIES`]): a substance of human origin under Regulation (EU)
///    2024/1938 ([`EuClassification::NotAtmpSoho`]), whose preparation needs a SoHO preparation
///    authorisation, even an autologous one prepared and immediately applied (Art 38(1), Art 60).
///    Animal cells are outside both and leave the classification open.
///
/// Cell-free preparations (exosomes, conditioned medium) contain no cells or tissues; their
/// status is outside this engine and the classification is undetermined. So is a product that
/// would be a TEP but holds only non-viable cells ([`crate::PreparationInfo::live_cells`]),
/// which Art 2(1)(b) excludes from the TEP definition unless they act principally by
/// pharmacological, immunological or metabolic action.
///
/// Several source tissues ([`crate::Product::other_tissues`]): the essential functions are
/// compared for every tissue, and the cells are used for the same essential function only if
/// they are for each.
///
/// Determinations recorded with the product ([`crate::Product::determinations`], such as a CAT
/// classification recommendation under Art 17) settle the criterion they name, and
/// `eu.determination` the classification: an ATMP (and its class) or not an ATMP, which settles
/// an open question but never overrides an ATMP the facts establish. One the facts contradict
/// keeps the less favourable answer (an ATMP; two classes: class open) and names the
/// contradiction; an `eu.determination` finding reports each (used, dated after the evaluation
/// date, or contradicted).
///
/// Every finding whose answer is open is a warning; every settled answer is information. Each
/// finding's `missing` lists exactly the input fields whose presence could change it.
///
/// The function is pure and never fails.
///
/// # Examples
///
/// ```
/// # #[cfg(feature = "json")] {
/// use msc_therapy::{classify_eu, EuClassification, Product};
///
/// let product = Product::from_json(r#"{
///     "name": "Cultured bone-marrow MSCs for GvHD",
///     "tissue": "bone_marrow",
///     "donor": "allogeneic_unrelated",
///     "processing": {"steps": ["culture_expansion", "cryopreservation"]},
///     "intended_use": {"functions": ["immunomodulation"], "indications": ["graft_versus_host_disease"]}
/// }"#)?;
/// let report = classify_eu(&product, jiff::civil::date(2026, 12, 7));
/// assert_eq!(report.classification, EuClassification::SomaticCellTherapy);
/// # }
/// # Ok::<(), msc_therapy::DocumentError>(())
/// ```
#[must_use]
pub fn classify_eu(product: &Product, on: Date) -> EuAssessment {
    classify_eu_sharing(product, &homologous::Shared::new(product), on)
}

/// [`classify_eu`], with the homologous-use comparison shared with the other engines of a call.
pub(crate) fn classify_eu_sharing(
    product: &Product,
    shared: &homologous::Shared<'_>,
    on: Date,
) -> EuAssessment {
    let mut findings = Vec::with_capacity(FINDINGS);

    if product.preparation.is_some_and(is_cell_free) {
        findings.push(
            Finding::new(RuleId::EuAtmpClass, Outcome::Undetermined, Severity::Warning)
                .at("preparation")
                .because("a cell-free preparation contains no cells or tissues, so the ATMP definitions do not fit it; its status (for instance as another medicinal product) is outside this engine")
                .fact(preparation_fact(product)),
        );
        findings.push(cat_finding(true));
        findings.extend(determination::report(
            product,
            RuleId::EuDetermination,
            EU_DETERMINATION_RULES,
            on,
            &[],
            false,
        ));
        return EuAssessment::new(EuClassification::Undetermined, findings, on);
    }

    let mut manipulation = substantial_manipulation(product);
    let mut function = essential_function(shared.get());
    // Determinations recorded for the product settle the criteria they name, and one of the
    // classification settles whether the cells are engineered and their class.
    let mut contradicted: SmallVec<[(RuleId, bool); 2]> = SmallVec::new();
    let determined = product.determinations.is_some();
    if determined {
        for f in [&mut manipulation, &mut function] {
            if let Some(against) = determination::settle(f, product, on, eu_severity) {
                contradicted.push((f.rule, against));
            }
        }
    }
    let by_facts = match (manipulation.outcome, function.outcome) {
        (Outcome::Met, _) | (_, Outcome::Met) => Outcome::Met,
        (Outcome::NotMet, Outcome::NotMet) => Outcome::NotMet,
        // Neither criterion met and one of them open: open.
        (
            Outcome::NotMet | Outcome::Undetermined | Outcome::NotApplicable,
            Outcome::NotMet | Outcome::Undetermined | Outcome::NotApplicable,
        ) => Outcome::Undetermined,
    };
    findings.push(manipulation);
    findings.push(function);
    let class_determinations: SmallVec<[&Determination; 2]> = if determined {
        determination::in_force(product, RuleId::EuDetermination, on)
    } else {
        SmallVec::new()
    };
    let determined_class = determined_class(&class_determinations);
    let engineered = match (by_facts, determined_class) {
        (_, None) => by_facts,
        // An ATMP by the determination: engineered, whatever the facts say (the less
        // favourable answer; a disagreement is named below).
        (_, Some(Some(_))) => Outcome::Met,
        // Not an ATMP by the determination: it settles an open question, never an answer
        // the facts give.
        (Outcome::Undetermined | Outcome::NotApplicable, Some(None)) => Outcome::NotMet,
        (Outcome::Met | Outcome::NotMet, Some(None)) => by_facts,
    };
    let among_themselves = class_determinations
        .iter()
        .any(|d| d.outcome != class_determinations[0].outcome);
    let mut class_contradiction = match (by_facts, determined_class) {
        (Outcome::NotMet, Some(Some(_))) | (Outcome::Met, Some(None)) => Some(true),
        _ if among_themselves => Some(false),
        _ => None,
    };

    let classification = match engineered {
        Outcome::Met => {
            let (class, mut finding) = atmp_class(product);
            let class = match determined_class.flatten() {
                None => class,
                Some(stated) => {
                    for d in &class_determinations {
                        d.push_facts(&mut finding.facts);
                    }
                    let open = matches!(
                        class,
                        EuClassification::Undetermined | EuClassification::AtmpClassUndetermined
                    );
                    let settled = if stated == EuClassification::AtmpClassUndetermined {
                        // "An ATMP", class not stated: the facts' class stands.
                        class
                    } else if open || class == stated {
                        stated
                    } else {
                        class_contradiction = Some(true);
                        EuClassification::AtmpClassUndetermined
                    };
                    if settled != class || !open {
                        finding.basis = class_determinations
                            .first()
                            .map_or(crate::Basis::AgencyStatement, |d| d.basis.basis());
                    }
                    if settled != class {
                        finding.outcome = if settled == EuClassification::AtmpClassUndetermined {
                            Outcome::Undetermined
                        } else {
                            Outcome::Met
                        };
                        finding.severity = eu_severity(RuleId::EuAtmpClass, finding.outcome);
                        finding.missing.clear();
                        finding.reason = Some(std::borrow::Cow::Borrowed(
                            if finding.outcome == Outcome::Met {
                                "the class is settled by an authority's determination recorded for this product (the document is cited in the facts); the stated claims alone leave it open"
                            } else {
                                "the class the stated claims point to and the class an authority's determination recorded for this product gives disagree: the class stays open, and the contradiction is named"
                            },
                        ));
                        finding.facts.retain(|f| f.name != "derived.class");
                        finding
                            .facts
                            .push(Fact::code("derived.class", settled.code()).as_derived());
                    }
                    settled
                }
            };
            if let Some(against) = class_contradiction {
                finding.facts.push(determination::contradiction(
                    RuleId::EuDetermination,
                    against,
                ));
                finding.severity = Severity::Warning;
            }
            findings.push(finding);
            if class.is_atmp() == Some(true) {
                findings.push(if RuleId::EuSoho.holds_on(on) {
                    Finding::new(RuleId::EuSoho, Outcome::Met, Severity::Info)
                        .fact(Fact::date("derived.soho_applies_from", crate::law::SOHO_APPLIES).as_limit())
                        .because("for an ATMP the SoHO Regulation (EU) 2024/1938, which replaces Directive 2004/23/EC from 7 August 2027, covers the donation, collection and testing of the starting cells; the medicinal products law covers the rest")
                } else {
                    Finding::new(RuleId::EuTissuesAndCells, Outcome::Met, Severity::Info)
                        .because("for an ATMP the tissues and cells Directive covers only the donation, procurement and testing of the starting cells; from 7 August 2027 the SoHO Regulation (EU) 2024/1938 does")
                });
                findings.extend(routes_of_an_atmp());
            }
            class
        }
        Outcome::NotMet => {
            let class = not_engineered(product, &mut findings, on);
            findings.push(
                Finding::new(
                    RuleId::EuHospitalExemption,
                    Outcome::NotApplicable,
                    Severity::Info,
                )
                .because("the hospital exemption concerns ATMPs only"),
            );
            class
        }
        Outcome::Undetermined | Outcome::NotApplicable => EuClassification::Undetermined,
    };

    findings.push(cat_finding(matches!(
        classification,
        EuClassification::Undetermined | EuClassification::AtmpClassUndetermined
    )));
    if determined {
        if let Some(against) = class_contradiction {
            contradicted.push((RuleId::EuDetermination, against));
        }
        findings.extend(determination::report(
            product,
            RuleId::EuDetermination,
            EU_DETERMINATION_RULES,
            on,
            &contradicted,
            true,
        ));
    }

    EuAssessment::new(classification, findings, on)
}

/// The rules an EU determination may name.
const EU_DETERMINATION_RULES: &[RuleId] = &[
    RuleId::EuSubstantialManipulation,
    RuleId::EuEssentialFunction,
    RuleId::EuDetermination,
];

/// The severity of an EU criterion's finding: an open answer is a warning, a settled one
/// information.
const fn eu_severity(_rule: RuleId, outcome: Outcome) -> Severity {
    match outcome {
        Outcome::Undetermined => Severity::Warning,
        Outcome::Met | Outcome::NotMet | Outcome::NotApplicable => Severity::Info,
    }
}

/// What the determinations of the EU classification in force say, the least favourable of
/// them: `None` when there is none, `Some(None)` for "not an ATMP", `Some(Some(class))` for an
/// ATMP (`AtmpClassUndetermined` when no class is stated, or when two determinations give two
/// classes).
fn determined_class(determinations: &[&Determination]) -> Option<Option<EuClassification>> {
    let mut answer: Option<Option<EuClassification>> = None;
    for d in determinations {
        let this = match d.outcome {
            Determined::NotAtmp => None,
            Determined::Atmp => Some(EuClassification::AtmpClassUndetermined),
            Determined::TissueEngineeredProduct => Some(EuClassification::TissueEngineeredProduct),
            Determined::SomaticCellTherapy => Some(EuClassification::SomaticCellTherapy),
            Determined::GeneTherapy => Some(EuClassification::GeneTherapy),
            Determined::Met
            | Determined::NotMet
            | Determined::NotAnHctp
            | Determined::ExceptedSameSurgicalProcedure
            | Determined::Section361Hctp
            | Determined::Section351Product => continue,
        };
        answer = Some(match (answer, this) {
            (None, this) => this,
            // An ATMP is the less favourable answer.
            (Some(None), this) | (Some(this), None) => this,
            (Some(Some(a)), Some(b)) if a == b => Some(a),
            (Some(Some(EuClassification::AtmpClassUndetermined)), Some(b))
            | (Some(Some(b)), Some(EuClassification::AtmpClassUndetermined)) => Some(b),
            (Some(Some(_)), Some(_)) => Some(EuClassification::AtmpClassUndetermined),
        });
    }
    answer
}

/// The open questions of an ATMP's route to the patient, which a product record cannot answer:
/// the hospital exemption, the scope condition of Directive 2001/83/EC Art 2(1), and the
/// compassionate-use and named-patient routes. Each is a warning that asks, never a settled
/// answer.
fn routes_of_an_atmp() -> [Finding; 3] {
    [
        Finding::new(RuleId::EuHospitalExemption, Outcome::Undetermined, Severity::Warning)
            .because("ask whether the product is made on a non-routine basis in a hospital of the same Member State for an individual prescription: only then may the exemption apply; those facts are not in a product record. The EU pharmaceutical package (provisional agreement of 11 December 2025) will reform the hospital exemption; until its text is adopted and applies, Art 28 of Regulation (EC) No 1394/2007 (Art 3(7) of Directive 2001/83/EC) holds"),
        Finding::new(RuleId::EuIndustrialScope, Outcome::Undetermined, Severity::Warning)
            .because("Directive 2001/83/EC, and the marketing authorisation it requires, applies to products 'prepared industrially or manufactured by a method involving an industrial process' (Art 2(1)); how and where this product is made is not in a product record, so whether that condition is met, or the product is a non-routine hospital preparation, stays open"),
        Finding::new(RuleId::EuExceptionalUse, Outcome::Undetermined, Severity::Warning)
            .because("without a marketing authorisation or a clinical trial, a Member State may still allow compassionate use (Art 83 of Regulation (EC) No 726/2004) or a named-patient supply (Art 5(1) of Directive 2001/83/EC); whether either applies is a national decision not in a product record: ask"),
    ]
}

/// Exosome and conditioned-medium preparations: no cells at all (the table's `cell_free`
/// column).
const fn is_cell_free(preparation: CellPreparation) -> bool {
    preparation.info().cell_free
}

fn preparation_fact(product: &Product) -> Fact {
    Fact::code(
        "preparation",
        product.preparation.map_or("none", CellPreparation::code),
    )
}

/// The processing steps, when the record states them.
fn stated_steps(product: &Product) -> Option<&[ProcessingStep]> {
    product.processing.as_ref().and_then(|p| p.steps_known())
}

/// The steps the kind of preparation implies (culture for culture-expanded MSCs), whatever the
/// processing record says: the less favourable reading of the two.
fn implied_steps(product: &Product) -> &'static [ProcessingStep] {
    product.preparation.map_or(&[], |p| p.info().implies)
}

/// Every step known to have been done: the stated ones and those the preparation implies.
fn known_steps(product: &Product) -> StepBuf {
    let mut steps: StepBuf = stated_steps(product)
        .unwrap_or_default()
        .iter()
        .copied()
        .collect();
    for step in implied_steps(product) {
        if !steps.contains(step) {
            steps.push(*step);
        }
    }
    steps
}

/// The steps of `steps` that EU law judges as `kind`.
fn steps_judged(steps: &[ProcessingStep], kind: EuManipulation) -> Codes {
    Codes::of_terms(
        steps
            .iter()
            .filter(|s| s.eu_manipulation() == kind)
            .copied(),
    )
}

/// Art 2(1)(c), first indent: substantial manipulation.
fn substantial_manipulation(product: &Product) -> Finding {
    let mut base = Finding::new(
        RuleId::EuSubstantialManipulation,
        Outcome::Undetermined,
        Severity::Warning,
    )
    .at("processing.steps");
    let stated = stated_steps(product);
    if let Some(steps) = stated {
        base = base.fact(Fact::terms("processing.steps", steps.iter().copied()));
    }
    let implied = implied_steps(product);
    if !implied.is_empty() {
        base = base.fact(
            Fact::terms(
                "derived.steps_implied_by_preparation",
                implied.iter().copied(),
            )
            .as_derived(),
        );
    }
    let steps = known_steps(product);
    let substantial = steps_judged(&steps, EuManipulation::Substantial);
    if !substantial.is_empty() {
        // Settled by what is known, whatever else the record leaves out.
        return Finding {
            outcome: Outcome::Met,
            severity: Severity::Info,
            ..base
                .fact(Fact::new("derived.steps_substantial", FactValue::Codes(substantial)).as_derived())
                .because("a step is a substantial manipulation (cell culture, enzymatic digestion or genetic modification)")
        };
    }
    if stated.is_none() {
        return base
            .because("the processing steps are not stated: they decide whether the manipulation is substantial")
            .missing("processing.steps");
    }
    let outside: StepBuf = steps
        .iter()
        .copied()
        .filter(|s| s.eu_manipulation() != EuManipulation::AnnexI)
        .collect();
    let base = base
        .fact(Fact::terms("derived.steps_outside_annex_i", outside.iter().copied()).as_derived());
    let open = steps_judged(&steps, EuManipulation::ForTheCat);
    if !open.is_empty() {
        // The steps are given; what is open is how the law judges one of them, which only the
        // CAT can settle. No input field is missing.
        return base
            .fact(Fact::new("derived.steps_for_the_cat", FactValue::Codes(open)).as_derived())
            .because("a step is not among the Annex I manipulations, whose list applies 'in particular', and no cited source settles it: whether it is substantial is for the CAT to say (Art 17)");
    }
    let like_annex = steps_judged(&steps, EuManipulation::LikeCuttingAndGrinding);
    let no_property = steps_judged(&steps, EuManipulation::AchievesNoProperty);
    let mut base = base;
    if !like_annex.is_empty() {
        base = base.fact(
            Fact::new(
                "derived.steps_like_cutting_and_grinding",
                FactValue::Codes(like_annex),
            )
            .as_derived(),
        );
    }
    if !no_property.is_empty() {
        base = base.fact(
            Fact::new(
                "derived.steps_achieving_no_property",
                FactValue::Codes(no_property),
            )
            .as_derived(),
        );
    }
    Finding {
        outcome: Outcome::NotMet,
        severity: Severity::Info,
        ..base.because(if outside.is_empty() {
            "every step is an Annex I manipulation, which is not substantial"
        } else {
            "no step is substantial: every step is an Annex I manipulation, mechanical fragmentation judged as Annex I's cutting and grinding, or rinsing and washing, which achieve none of the biological characteristics, physiological functions or structural properties Art 2(1)(c) names"
        })
    }
}

/// Art 2(1)(c), second indent: not the same essential function(s), judged on the site of use
/// and the functions the indications imply as well as the declared ones (the shared
/// homologous-use analysis).
fn essential_function(h: &homologous::Homologous<'_>) -> Finding {
    let base = h.open_finding(RuleId::EuEssentialFunction);
    match h.verdict {
        HomologousVerdict::Homologous => Finding {
            outcome: Outcome::NotMet,
            severity: Severity::Info,
            ..base.because("every declared and implied function is a basic function of the source tissue, performed by the recipient's tissue at the site of use: the same essential function(s), in the same anatomical or histological environment")
        },
        HomologousVerdict::NotHomologous(why) => Finding {
            outcome: Outcome::Met,
            severity: Severity::Info,
            ..base.at(why.path()).because(why.reason())
        },
        HomologousVerdict::Undetermined => {
            let mut open =
                base.because("a fact the comparison of functions needs is missing");
            for path in &h.missing {
                open = open.missing(path);
            }
            open
        }
    }
}

/// The functions the product is presented to perform: the declared ones and those its
/// indications imply.
fn claimed_functions(product: &Product) -> homologous::Functions {
    let intended = product.intended_use.as_ref();
    let mut functions: homologous::Functions = intended
        .and_then(|u| u.functions_known())
        .unwrap_or_default()
        .iter()
        .copied()
        .collect();
    for indication in intended
        .and_then(|u| u.indications_known())
        .unwrap_or_default()
    {
        for f in indication.info().implies {
            if !functions.contains(f) {
                functions.push(*f);
            }
        }
    }
    functions
}

/// A function that regenerates, repairs or replaces a tissue (the TEP purpose).
const fn is_regenerative(function: TissueFunction) -> bool {
    match function {
        TissueFunction::Support
        | TissueFunction::Cushioning
        | TissueFunction::Covering
        | TissueFunction::Barrier
        | TissueFunction::Conduit
        | TissueFunction::EnergyStorage
        | TissueFunction::MusculoskeletalRepair
        | TissueFunction::WoundHealing
        | TissueFunction::Angiogenesis
        | TissueFunction::NeuralRepair
        | TissueFunction::CardiacRepair
        // Connecting, lubricating, contracting, conducting or exchanging gas in place of the
        // recipient's own tissue is replacing or repairing what that tissue does.
        | TissueFunction::Connection
        | TissueFunction::Lubrication
        | TissueFunction::Contraction
        | TissueFunction::NerveConduction
        | TissueFunction::GasExchange => true,
        // Blood formation and unnamed "regeneration" name no tissue to regenerate, repair or
        // replace; immunomodulation is the sCTMP purpose.
        TissueFunction::Hematopoiesis
        | TissueFunction::GeneralRegeneration
        | TissueFunction::Immunomodulation => false,
    }
}

/// A mechanism that is pharmacological or immunological action of the cells (the sCTMP mode).
const fn is_pharmacological(mechanism: Mechanism) -> bool {
    matches!(
        mechanism,
        Mechanism::ParacrineSignalling
            | Mechanism::Immunomodulation
            | Mechanism::ExtracellularVesicles
    )
}

/// How a product for an indication is presented, where an EU classification of the product
/// authorised for it says so: `(repair, immunological)`. Alofisel (darvadstrocel), the one MSC
/// product authorised in the EU for perianal fistulas in Crohn's disease, is "a 'somatic cell
/// therapy product'" (EMA, EPAR summary for the public, 2018): presented for the immunological
/// action of its cells, not to rebuild tissue.
const fn eu_precedent(indication: Indication) -> Option<(bool, bool)> {
    match indication {
        Indication::PerianalFistula => Some((false, true)),
        // No EU classification of an MSC product authorised for these is known to the crate.
        Indication::KneeOsteoarthritis
        | Indication::Osteoarthritis
        | Indication::CartilageDefect
        | Indication::AclTear
        | Indication::Tendinopathy
        | Indication::DiscDegeneration
        | Indication::RheumatoidArthritis
        | Indication::Lupus
        | Indication::MultipleSclerosis
        | Indication::CrohnsDisease
        | Indication::GraftVersusHostDisease
        | Indication::SpinalCordInjury
        | Indication::TraumaticBrainInjury
        | Indication::Als
        | Indication::CerebralPalsy
        | Indication::Stroke
        | Indication::ParkinsonsDisease
        | Indication::AlzheimersDisease
        | Indication::Autism
        | Indication::HeartFailure
        | Indication::AcuteMyocardialInfarction
        | Indication::CriticalLimbIschemia
        | Indication::Copd
        | Indication::Ards
        | Indication::DiabeticWound
        | Indication::ChronicWound
        | Indication::HematopoieticReconstitution
        | Indication::SoftTissueDefect
        | Indication::AntiAgeing => None,
    }
}

/// The repair and immunological claims the indications carry: an EU precedent where there is
/// one, else the functions they imply.
fn indication_claims(product: &Product) -> (bool, bool) {
    let indications = product
        .intended_use
        .as_ref()
        .and_then(|u| u.indications_known())
        .unwrap_or_default();
    let mut repair = false;
    let mut immunological = false;
    for indication in indications {
        let (r, i) = eu_precedent(*indication).unwrap_or_else(|| {
            let implies = indication.info().implies;
            (
                implies.iter().any(|f| is_regenerative(*f)),
                implies.contains(&TissueFunction::Immunomodulation),
            )
        });
        repair |= r;
        immunological |= i;
    }
    (repair, immunological)
}

/// Art 2(1)(a)-(b), Art 2(4) and Dir 2001/83/EC Annex I Part IV: which ATMP class.
fn atmp_class(product: &Product) -> (EuClassification, Finding) {
    let steps = known_steps(product);
    let functions = claimed_functions(product);
    let intended = product.intended_use.as_ref();
    let indications = intended.and_then(|u| u.indications_known());
    let has_indication = indications.is_some_and(|i| !i.is_empty());
    let mechanisms = product.mechanisms_known().unwrap_or_default();

    let base = Finding::new(RuleId::EuAtmpClass, Outcome::Met, Severity::Info)
        .fact(Fact::terms("derived.steps_known", steps.iter().copied()).as_derived())
        .fact(Fact::terms("derived.functions_claimed", functions.iter().copied()).as_derived())
        .fact(Fact::terms("mechanisms", mechanisms.iter().copied()));

    let recombinant_effect = product
        .processing
        .as_ref()
        .and_then(|p| p.effect_from_recombinant_nucleic_acid);
    let modified = steps.contains(&ProcessingStep::GeneticModification);
    if modified {
        let gtmp = base
            .clone()
            .at("processing.effect_from_recombinant_nucleic_acid");
        let gtmp = match recombinant_effect {
            Some(value) => gtmp.fact(Fact::flag(
                "processing.effect_from_recombinant_nucleic_acid",
                value,
            )),
            None => gtmp,
        };
        match recombinant_effect {
            Some(true) => {
                let class = EuClassification::GeneTherapy;
                return (
                    class,
                    gtmp.fact(Fact::code("derived.class", class.code()).as_derived())
                        .because("both conditions of the GTMP definition (Directive 2001/83/EC Annex I Part IV, point 2.1): (a) the genetic modification puts a recombinant nucleic acid into the active substance, and (b) the record states that the product's effect relates directly to that sequence or to the product of its genetic expression"),
                );
            }
            None => {
                let class = EuClassification::AtmpClassUndetermined;
                return (
                    class,
                    Finding {
                        outcome: Outcome::Undetermined,
                        severity: Severity::Warning,
                        ..gtmp
                            .fact(Fact::code("derived.class", class.code()).as_derived())
                            .because("the cells were genetically modified, so condition (a) of the GTMP definition (a recombinant nucleic acid in the active substance) may hold, but condition (b) is not stated: whether the product's therapeutic, prophylactic or diagnostic effect relates directly to the recombinant sequence or to the product of its genetic expression (Directive 2001/83/EC Annex I Part IV, point 2.1); without it the product is an ATMP whose class is open")
                            .missing("processing.effect_from_recombinant_nucleic_acid")
                    },
                );
            }
            // Condition (b) fails: not a GTMP; the class follows the claims below.
            Some(false) => {}
        }
    }

    // The claims that decide the class: what the product is presented to do, taken from the
    // most specific evidence there is. First the declared functions; then the mechanisms that
    // name a mode of action (cells becoming tissue: repair; immunomodulation: immunological);
    // then the functions the indications imply. A generic pharmacological mechanism (paracrine
    // signalling, vesicles) for an indication decides only when none of those does.
    let declared = intended
        .and_then(|u| u.functions_known())
        .unwrap_or_default();
    let claims = |fs: &[TissueFunction]| {
        (
            fs.iter().any(|f| is_regenerative(*f)),
            fs.contains(&TissueFunction::Immunomodulation),
        )
    };
    let by_mechanism = (
        mechanisms.contains(&Mechanism::DifferentiationEngraftment),
        mechanisms.contains(&Mechanism::Immunomodulation),
    );
    let ((repair_claim, immunological_claim), basis) = if claims(declared) != (false, false) {
        (claims(declared), "intended_use.functions")
    } else if by_mechanism != (false, false) {
        (by_mechanism, "mechanisms")
    } else {
        (indication_claims(product), "intended_use.indications")
    };
    let mechanism_claim = has_indication && mechanisms.iter().any(|m| is_pharmacological(*m));
    let non_viable = product.preparation.is_some_and(|p| !p.info().live_cells);

    let base = base.at(basis);
    let (class, finding) = if repair_claim && non_viable {
        (
            EuClassification::Undetermined,
            Finding {
                outcome: Outcome::Undetermined,
                severity: Severity::Warning,
                ..base
                    .fact(preparation_fact(product))
                    .because("Art 2(1)(b) excludes from the TEP definition products of exclusively non-viable cells or tissues that do not act principally by pharmacological, immunological or metabolic action; the status of such a product is outside this engine")
            },
        )
    } else if repair_claim && immunological_claim {
        (
            EuClassification::TissueEngineeredProduct,
            Finding {
                severity: Severity::Warning,
                ..base.because("presented both to repair or replace a tissue and to treat a disease through the immunological action of its cells, the product fits both the TEP and the sCTMP definition; Art 2(4) is reported to make such a product a TEP, and the crate applies that reading, but the Regulation's text of Art 2(4) was not available to confirm it")
            },
        )
    } else if repair_claim {
        (
            EuClassification::TissueEngineeredProduct,
            base.because("the product is presented to regenerate, repair or replace a tissue; a paracrine or other mechanism behind that claim is how the repair is said to happen, not a claim to treat a disease by pharmacological, immunological or metabolic action"),
        )
    } else if immunological_claim || mechanism_claim {
        (
            EuClassification::SomaticCellTherapy,
            base.because("the product is presented to treat a disease through the immunological or pharmacological action of its cells, not to regenerate, repair or replace a tissue"),
        )
    } else {
        let mut open = Finding {
            outcome: Outcome::Undetermined,
            severity: Severity::Warning,
            ..base.because(
                "no claimed function or mechanism points to the TEP or the sCTMP definition",
            )
        };
        // Facts whose presence could settle the class, when they are absent: a declared
        // function, an indication (which implies functions), a mechanism.
        if intended.and_then(|u| u.functions_known()).is_none() {
            open = open.missing("intended_use.functions");
        }
        if indications.is_none() {
            open = open.missing("intended_use.indications");
        }
        if product.mechanisms_known().is_none() {
            open = open.missing("mechanisms");
        }
        (EuClassification::AtmpClassUndetermined, open)
    };
    let finding = finding.fact(Fact::code("derived.class", class.code()).as_derived());
    let finding = if modified {
        // Genetically modified, but the record states that condition (b) of the GTMP
        // definition fails: not a GTMP, and the class followed the claims.
        finding.fact(Fact::flag(
            "processing.effect_from_recombinant_nucleic_acid",
            false,
        ))
    } else {
        finding
    };
    (class, finding)
}

/// Directive 2004/23/EC Art 2 for cells that are not engineered, or from 7 August 2027 the SoHO
/// Regulation (EU) 2024/1938.
fn not_engineered(product: &Product, findings: &mut Vec<Finding>, on: Date) -> EuClassification {
    let soho = RuleId::EuSoho.holds_on(on);
    let framework = if soho {
        RuleId::EuSoho
    } else {
        RuleId::EuTissuesAndCells
    };
    let tc = Finding::new(framework, Outcome::Met, Severity::Info).at("donor");
    let excl = Finding::new(
        RuleId::EuAutologousSameProcedure,
        Outcome::NotMet,
        Severity::Info,
    )
    .at("processing.same_surgical_procedure");
    let (Some(donor), Some(preparation)) = (product.donor, product.preparation) else {
        // Not engineered does not yet mean human tissues and cells: the product must be shown
        // to hold human cells or tissues (not animal cells, not a cell-free preparation).
        let mut open = Finding {
            outcome: Outcome::Undetermined,
            severity: Severity::Warning,
            ..tc.because(if soho {
                "who the cells come from, or what the preparation is, is not given: human cells and tissues are substances of human origin under the SoHO Regulation; animal cells are not, and the status of a cell-free preparation is outside this engine"
            } else {
                "who the cells come from, or what the preparation is, is not given: human tissues and cells fall under the Directive; animal cells, blood components and cell-free preparations do not"
            })
        };
        if product.donor.is_none() {
            open = open.missing("donor");
        }
        if product.preparation.is_none() {
            open = open.missing("preparation");
        }
        findings.push(open);
        return EuClassification::Undetermined;
    };
    let tc = tc
        .fact(Fact::code("donor", donor.code()))
        .fact(Fact::code("preparation", preparation.code()));
    if preparation == CellPreparation::PlateletRichPlasma {
        findings.push(Finding {
            outcome: Outcome::NotMet,
            severity: Severity::Warning,
            ..tc.at("preparation").because(if soho {
                "platelet-rich plasma is a blood component; the SoHO Regulation covers blood as well as tissues and cells, but whether this preparation is a SoHO preparation or a medicinal product is outside this engine"
            } else {
                "platelet-rich plasma is a blood component, which Art 2(2)(b) leaves to the blood Directive 2002/98/EC; its status is outside this engine"
            })
        });
        return EuClassification::Undetermined;
    }
    if donor == Donor::Xenogeneic {
        findings.push(Finding {
            outcome: Outcome::NotMet,
            severity: Severity::Warning,
            ..tc.because("animal cells are not human tissues and cells; their status when not engineered is outside this engine")
        });
        return EuClassification::Undetermined;
    }
    let same_procedure = product
        .processing
        .as_ref()
        .and_then(|p| p.same_surgical_procedure);
    if soho {
        soho_preparation(tc, donor, same_procedure, findings);
        return EuClassification::NotAtmpSoho;
    }
    let excl = excl.fact(Fact::code("donor", donor.code()));
    let excl = match same_procedure {
        Some(value) => excl.fact(Fact::flag("processing.same_surgical_procedure", value)),
        None => excl,
    };
    match (donor.is_autologous(), same_procedure) {
        (true, Some(true)) => {
            findings.push(Finding {
                outcome: Outcome::NotMet,
                ..tc.because("the cells are an autologous graft used within the same surgical procedure, which Art 2(2)(a) excludes")
            });
            findings.push(Finding {
                outcome: Outcome::Met,
                ..excl.because("autologous cells used within the same surgical procedure")
            });
            EuClassification::ExcludedAutologousSameProcedure
        }
        (true, None) => {
            findings.push(tc.because("not an ATMP: the Directive applies unless the same-procedure exclusion is shown; from 7 August 2027 the SoHO Regulation (EU) 2024/1938 applies instead"));
            findings.push(Finding {
                outcome: Outcome::Undetermined,
                severity: Severity::Warning,
                ..excl
                    .because("autologous, but whether the cells are used within the same surgical procedure is not given")
                    .missing("processing.same_surgical_procedure")
            });
            EuClassification::NotAtmpTissuesAndCells
        }
        (autologous, _) => {
            findings.push(tc.because("not an ATMP: human tissues and cells under the Directive; from 7 August 2027 the SoHO Regulation (EU) 2024/1938 applies instead"));
            findings.push(excl.because(if autologous {
                "the cells are not used within the same surgical procedure"
            } else {
                "the cells are not the patient's own"
            }));
            EuClassification::NotAtmpTissuesAndCells
        }
    }
}

/// The SoHO Regulation (EU) 2024/1938 from 7 August 2027, for human cells that are not
/// engineered: a substance of human origin, and a SoHO preparation authorisation (Art 38(1)),
/// even for an autologous preparation prepared and immediately applied.
fn soho_preparation(
    framework: Finding,
    donor: Donor,
    same_procedure: Option<bool>,
    findings: &mut Vec<Finding>,
) {
    findings.push(framework.because("not an ATMP: human cells and tissues are substances of human origin under Regulation (EU) 2024/1938, which replaces Directive 2004/23/EC from 7 August 2027; it has no exclusion for an autologous graft within the same surgical procedure"));
    let mut auth = Finding::new(
        RuleId::EuSohoPreparationAuthorisation,
        Outcome::Met,
        Severity::Info,
    )
    .at("processing.same_surgical_procedure")
    .fact(Fact::code("donor", donor.code()))
    .fact(Fact::date("derived.soho_applies_from", crate::law::SOHO_APPLIES).as_limit());
    if let Some(value) = same_procedure {
        auth = auth.fact(Fact::flag("processing.same_surgical_procedure", value));
    }
    findings.push(match (donor.is_autologous(), same_procedure) {
        (true, Some(true)) => auth.because("an autologous preparation prepared and immediately applied within one procedure needs a prior SoHO preparation authorisation (Art 38(1)); no release step is needed when it is processed and applied without storage, but the authorisation must specify the quality-control parameters (Art 60). The Directive's same-procedure exclusion no longer applies"),
        (true, _) => auth.because("a SoHO preparation needs a prior SoHO preparation authorisation before it is released, and so does an autologous one prepared and immediately applied (Art 38(1)): the authorisation is needed whether or not the cells are used within the same procedure"),
        (false, _) => auth.because("a SoHO preparation may be released only with a prior SoHO preparation authorisation (Art 38(1))"),
    });
}

/// Art 17: a CAT recommendation is open to any product based on genes, cells or tissues.
fn cat_finding(unsettled: bool) -> Finding {
    let finding = Finding::new(RuleId::EuCatClassification, Outcome::Met, Severity::Info);
    if unsettled {
        Finding {
            severity: Severity::Warning,
            ..finding.because("the crate could not settle the classification; a CAT recommendation under Art 17 is the formal way to do so")
        }
    } else {
        finding.because("a CAT recommendation under Art 17 can confirm this classification; the crate's answer is not binding")
    }
}
