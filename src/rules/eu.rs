//! European Union: is an MSC product an advanced therapy medicinal product (ATMP)?
//!
//! Regulation (EC) No 1394/2007 makes a cell product an ATMP when its cells are *engineered*
//! (Art 2(1)(c)): substantially manipulated (any manipulation outside Annex I), or not used for the
//! same essential function(s) in the recipient as in the donor. Engineered cells make a tissue
//! engineered product (TEP), a somatic cell therapy medicinal product (sCTMP) or, when genetically
//! modified, a gene therapy medicinal product (GTMP). Cells that are not engineered stay human
//! tissues and cells under Directive 2004/23/EC (Regulation (EU) 2024/1938 from 7 August 2027),
//! unless they are an autologous graft used within the same surgical procedure (Art 2(2)(a)).

use crate::table::vocab;
use crate::{
    CellPreparation, Donor, Fact, Finding, Mechanism, Outcome, ProcessingStep, Product, RuleId,
    Severity, TissueFunction,
};
use serde::Serialize;
use std::fmt;

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
    /// # Ok::<(), strum::ParseError>(())
    /// ```
    #[non_exhaustive]
    pub enum EuClassification {
        /// Not engineered, so not an ATMP: human tissues and cells under Directive 2004/23/EC
        /// (the SoHO Regulation (EU) 2024/1938 from 7 August 2027).
        NotAtmpTissuesAndCells => "not_atmp_tissues_and_cells", "not an ATMP: human tissues and cells (Directive 2004/23/EC)";
        /// Not engineered, and an autologous graft used within the same surgical procedure:
        /// excluded even from Directive 2004/23/EC (Art 2(2)(a)).
        ExcludedAutologousSameProcedure => "excluded_autologous_same_procedure", "not an ATMP: autologous graft within the same surgical procedure (excluded from Directive 2004/23/EC)";
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
            Self::NotAtmpTissuesAndCells | Self::ExcludedAutologousSameProcedure => Some(false),
            Self::Undetermined => None,
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
/// let report = classify_eu(&Product::named(Text::new("unknown product")?));
/// assert_eq!(report.classification, EuClassification::Undetermined);
/// assert!(report.to_string().starts_with("EU classification: undetermined"));
/// # Ok::<(), msc_therapy::ValueError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct EuAssessment {
    /// Where EU law places the product.
    pub classification: EuClassification,
    /// The findings, in the order the rules ran.
    pub findings: Vec<Finding>,
}

impl EuAssessment {
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

/// **Classifies a product under EU law**: ATMP (and which class) or human tissues and cells.
///
/// The steps, in the Regulation's order:
///
/// 1. *Substantial manipulation* (Art 2(1)(c), first indent): any processing step outside the
///    thirteen manipulations of Annex I ([`crate::StepInfo::eu_annex_i`]). Steps a cited source
///    names as substantial ([`crate::StepInfo::eu_named_substantial`]: cell culture, enzymatic
///    digestion, genetic modification) settle it. The list applies "in particular", so any other
///    step outside it (rinsing, mechanical disruption, an [`ProcessingStep::Unclassified`]
///    step) leaves the question open for the CAT, as does a missing processing record.
/// 2. *Not the same essential function* (Art 2(1)(c), second indent): any intended function
///    ([`crate::IntendedUse::functions`]) outside the source tissue's basic functions
///    ([`crate::TissueInfo::basic_functions`]).
/// 3. Engineered (either criterion met) means an ATMP. A genetic modification step makes it a
///    GTMP. Otherwise the claimed purpose picks the class: a regenerative, reparative or
///    replacing function (or a claim that the cells become new tissue) points to a TEP; an
///    immunomodulatory function, or a claimed pharmacological or immunological mechanism
///    (paracrine signalling, extracellular vesicles, immunomodulation) for a named indication,
///    points to an sCTMP. When both apply the class is left open
///    ([`EuClassification::AtmpClassUndetermined`]): the tie-break in favour of the TEP usually
///    quoted from Art 2(4) has not been verified against the Regulation's text.
/// 4. Not engineered (both criteria not met) means not an ATMP: human tissues and cells under
///    Directive 2004/23/EC, or excluded from it as an autologous graft within the same surgical
///    procedure. The exclusion needs both facts shown; animal cells are outside the Directive
///    and leave the classification open.
///
/// Cell-free preparations (exosomes, conditioned medium) contain no cells or tissues; their
/// status is outside this engine and the classification is undetermined. So is a product that
/// would be a TEP but holds only non-viable cells ([`crate::PreparationInfo::live_cells`]) with
/// no pharmacological, immunological or metabolic claim, which Art 2(1)(b) excludes from the
/// TEP definition.
///
/// The function is pure and never fails: missing facts give undetermined outcomes, listed in
/// each finding's `missing`.
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
/// let report = classify_eu(&product);
/// assert_eq!(report.classification, EuClassification::SomaticCellTherapy);
/// # }
/// # Ok::<(), msc_therapy::DocumentError>(())
/// ```
#[must_use]
pub fn classify_eu(product: &Product) -> EuAssessment {
    let mut findings = Vec::new();

    if product.preparation.is_some_and(is_cell_free) {
        findings.push(
            Finding::new(RuleId::EuAtmpClass, Outcome::Undetermined, Severity::Warning)
                .at("preparation")
                .because("a cell-free preparation contains no cells or tissues, so the ATMP definitions do not fit it; its status (for instance as another medicinal product) is outside this engine")
                .fact(preparation_fact(product)),
        );
        findings.push(cat_finding(true));
        return EuAssessment {
            classification: EuClassification::Undetermined,
            findings,
        };
    }

    let manipulation = substantial_manipulation(product);
    let function = essential_function(product);
    let engineered = match (manipulation.outcome, function.outcome) {
        (Outcome::Met, _) | (_, Outcome::Met) => Outcome::Met,
        (Outcome::NotMet, Outcome::NotMet) => Outcome::NotMet,
        _ => Outcome::Undetermined,
    };
    findings.push(manipulation);
    findings.push(function);

    let classification = match engineered {
        Outcome::Met => {
            let (class, finding) = atmp_class(product);
            findings.push(finding);
            if class.is_atmp() == Some(true) {
                findings.push(
                    Finding::new(RuleId::EuTissuesAndCells, Outcome::Met, Severity::Info)
                        .because("for an ATMP the tissues and cells Directive covers only the donation, procurement and testing of the starting cells"),
                );
                findings.push(
                    Finding::new(RuleId::EuHospitalExemption, Outcome::Undetermined, Severity::Info)
                        .because("the exemption may be available for an ATMP made on a non-routine basis in a hospital of the same Member State for an individual prescription; those facts are not in a product record"),
                );
            }
            class
        }
        Outcome::NotMet => {
            let class = not_engineered(product, &mut findings);
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

    EuAssessment {
        classification,
        findings,
    }
}

/// Exosome and conditioned-medium preparations: no cells at all.
fn is_cell_free(preparation: CellPreparation) -> bool {
    matches!(
        preparation,
        CellPreparation::ExtracellularVesicles | CellPreparation::ConditionedMedium
    )
}

fn preparation_fact(product: &Product) -> Fact {
    Fact::code(
        "preparation",
        product.preparation.map_or("none", CellPreparation::code),
    )
}

fn step_codes(steps: &[ProcessingStep]) -> impl Iterator<Item = &'static str> + '_ {
    steps.iter().map(|s| s.code())
}

/// Art 2(1)(c), first indent: a processing step outside Annex I.
fn substantial_manipulation(product: &Product) -> Finding {
    let base = Finding::new(
        RuleId::EuSubstantialManipulation,
        Outcome::Undetermined,
        Severity::Warning,
    )
    .at("processing.steps");
    let Some(processing) = &product.processing else {
        return base
            .because(
                "no processing record: the steps decide whether the manipulation is substantial",
            )
            .missing("processing.steps");
    };
    let Some(steps) = processing.steps_known() else {
        return base
            .because("the processing steps are not stated: they decide whether the manipulation is substantial")
            .missing("processing.steps");
    };
    let outside: Vec<ProcessingStep> = steps
        .iter()
        .copied()
        .filter(|s| !s.info().eu_annex_i)
        .collect();
    let named: Vec<ProcessingStep> = outside
        .iter()
        .copied()
        .filter(|s| s.info().eu_named_substantial)
        .collect();
    let base = base
        .fact(Fact::code_list("processing.steps", step_codes(steps)))
        .fact(Fact::code_list("derived.steps_outside_annex_i", step_codes(&outside)).as_derived());
    if !named.is_empty() {
        Finding {
            outcome: Outcome::Met,
            ..base
                .fact(Fact::code_list("derived.steps_named_substantial", step_codes(&named)).as_derived())
                .because("a step is a substantial manipulation (cell culture, enzymatic digestion or genetic modification): not among the Annex I manipulations")
        }
    } else if !outside.is_empty() {
        base.because("a step is not among the Annex I manipulations, whose list applies 'in particular': whether it is substantial is for the CAT to say (Art 17)")
            .missing("processing.steps")
    } else {
        Finding {
            outcome: Outcome::NotMet,
            severity: Severity::Info,
            ..base.because("every step is an Annex I manipulation, which is not substantial")
        }
    }
}

/// How the intended functions compare with the source tissue's basic functions.
pub(crate) enum FunctionMatch {
    /// Every intended function is a basic function of the source tissue.
    Same,
    /// At least one intended function is not.
    Different(Vec<TissueFunction>),
    /// The source tissue is not given.
    MissingTissue,
    /// The crate's table lists no basic functions for the tissue.
    UnknownTissueFunctions,
    /// No intended function is given.
    MissingFunctions,
}

/// Compares `intended_use.functions` with the tissue's basic functions (shared with the Japanese
/// homologous-use rule).
pub(crate) fn compare_functions(product: &Product) -> FunctionMatch {
    let Some(tissue) = product.tissue else {
        return FunctionMatch::MissingTissue;
    };
    let basic = tissue.info().basic_functions;
    if basic.is_empty() {
        return FunctionMatch::UnknownTissueFunctions;
    }
    let functions = product
        .intended_use
        .as_ref()
        .and_then(|u| u.functions_known())
        .unwrap_or_default();
    if functions.is_empty() {
        return FunctionMatch::MissingFunctions;
    }
    let other: Vec<TissueFunction> = tissue.non_basic_functions(functions).collect();
    if other.is_empty() {
        FunctionMatch::Same
    } else {
        FunctionMatch::Different(other)
    }
}

/// The facts both function rules report.
pub(crate) fn function_facts(mut finding: Finding, product: &Product) -> Finding {
    if let Some(tissue) = product.tissue {
        finding = finding.fact(Fact::code("tissue", tissue.code())).fact(
            Fact::code_list(
                "derived.tissue_basic_functions",
                tissue.info().basic_functions.iter().map(|f| f.code()),
            )
            .as_derived(),
        );
    }
    if let Some(use_) = &product.intended_use {
        finding = finding.fact(Fact::code_list(
            "intended_use.functions",
            use_.functions_known()
                .unwrap_or_default()
                .iter()
                .map(|f| f.code()),
        ));
    }
    finding
}

/// The derived fact listing intended functions outside the tissue's basic functions.
pub(crate) fn other_functions_fact(other: &[TissueFunction]) -> Fact {
    Fact::code_list(
        "derived.functions_not_basic_to_tissue",
        other.iter().map(|f| f.code()),
    )
    .as_derived()
}

/// Art 2(1)(c), second indent: not the same essential function(s).
fn essential_function(product: &Product) -> Finding {
    let base = function_facts(
        Finding::new(
            RuleId::EuEssentialFunction,
            Outcome::Undetermined,
            Severity::Warning,
        )
        .at("intended_use.functions"),
        product,
    );
    match compare_functions(product) {
        FunctionMatch::Same => Finding {
            outcome: Outcome::NotMet,
            severity: Severity::Info,
            ..base.because("every intended function is a basic function of the source tissue")
        },
        FunctionMatch::Different(other) => Finding {
            outcome: Outcome::Met,
            ..base.fact(other_functions_fact(&other)).because(
                "at least one intended function is not a basic function of the source tissue",
            )
        },
        FunctionMatch::MissingTissue => base
            .because("the source tissue is not given")
            .missing("tissue"),
        FunctionMatch::UnknownTissueFunctions => {
            base.because("the crate lists no basic functions for this tissue")
        }
        FunctionMatch::MissingFunctions => base
            .because("the intended functions are not given")
            .missing("intended_use.functions"),
    }
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

/// Art 2(1)(a)-(b) and Dir 2001/83/EC Annex I Part IV: which ATMP class.
fn atmp_class(product: &Product) -> (EuClassification, Finding) {
    let steps = product
        .processing
        .as_ref()
        .and_then(|p| p.steps_known())
        .unwrap_or_default();
    let functions = product
        .intended_use
        .as_ref()
        .and_then(|u| u.functions_known())
        .unwrap_or_default();
    let has_indication = product
        .intended_use
        .as_ref()
        .and_then(|u| u.indications_known())
        .is_some_and(|i| !i.is_empty());
    let mechanisms = product.mechanisms_known().unwrap_or_default();

    let base = Finding::new(RuleId::EuAtmpClass, Outcome::Met, Severity::Warning)
        .fact(Fact::code_list("processing.steps", step_codes(steps)))
        .fact(Fact::code_list(
            "intended_use.functions",
            functions.iter().map(|f| f.code()),
        ))
        .fact(Fact::code_list(
            "mechanisms",
            mechanisms.iter().map(|m| m.code()),
        ));

    if steps.contains(&ProcessingStep::GeneticModification) {
        let class = EuClassification::GeneTherapy;
        return (
            class,
            base.at("processing.steps")
                .fact(Fact::code("derived.class", class.code()).as_derived())
                .because("the cells were genetically modified, which points to a gene therapy medicinal product; the detailed GTMP definition of Directive 2001/83/EC Annex I Part IV is not reproduced in the crate"),
        );
    }

    let tep = functions.iter().any(|f| is_regenerative(*f))
        || mechanisms.contains(&Mechanism::DifferentiationEngraftment);
    let sctmp = functions.contains(&TissueFunction::Immunomodulation)
        || (has_indication && mechanisms.iter().any(|m| is_pharmacological(*m)));

    let base = base.at("intended_use");
    let (class, finding) = match (tep, sctmp) {
        (true, false) if product.preparation.is_some_and(|p| !p.info().live_cells) => (
            EuClassification::Undetermined,
            Finding {
                outcome: Outcome::Undetermined,
                ..base
                    .fact(preparation_fact(product))
                    .because("Art 2(1)(b) excludes from the TEP definition products of exclusively non-viable cells or tissues that do not act principally by pharmacological, immunological or metabolic action; the status of such a product is outside this engine")
            },
        ),
        (true, false) => (
            EuClassification::TissueEngineeredProduct,
            base.because("the product is presented to regenerate, repair or replace a tissue, and no pharmacological, immunological or metabolic mode of action for a disease is claimed"),
        ),
        (false, true) => (
            EuClassification::SomaticCellTherapy,
            base.because("the product is presented to treat a disease through the immunological or pharmacological action of its cells, not to regenerate, repair or replace a tissue"),
        ),
        (true, true) => (
            EuClassification::AtmpClassUndetermined,
            Finding {
                outcome: Outcome::Undetermined,
                ..base.because("the product fits both the TEP and the sCTMP definition; the tie-break in favour of the TEP usually quoted from Art 2(4) is unverified in the crate's reference, so the class is left open")
            },
        ),
        (false, false) => (
            EuClassification::AtmpClassUndetermined,
            Finding {
                outcome: Outcome::Undetermined,
                ..base
                    .because("no claimed function or mechanism points to the TEP or the sCTMP definition")
                    .missing("intended_use.functions")
            },
        ),
    };
    (
        class,
        finding.fact(Fact::code("derived.class", class.code()).as_derived()),
    )
}

/// Directive 2004/23/EC Art 2 for cells that are not engineered.
fn not_engineered(product: &Product, findings: &mut Vec<Finding>) -> EuClassification {
    let tc = Finding::new(RuleId::EuTissuesAndCells, Outcome::Met, Severity::Info).at("donor");
    let excl = Finding::new(
        RuleId::EuAutologousSameProcedure,
        Outcome::NotMet,
        Severity::Info,
    )
    .at("processing.same_surgical_procedure");
    let Some(donor) = product.donor else {
        findings.push(Finding {
            outcome: Outcome::Undetermined,
            severity: Severity::Warning,
            ..tc.because("who the cells come from is not given: human tissues and cells fall under the Directive, animal cells do not")
                .missing("donor")
        });
        return EuClassification::Undetermined;
    };
    let tc = tc.fact(Fact::code("donor", donor.code()));
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
