//! Japan: the ASRM risk class and the PMD Act status of an MSC product.
//!
//! Since 25 November 2014 Japan regulates regenerative medicine on two tracks. Products made and
//! sold commercially are *regenerative medical products* (再生医療等製品) under the PMD Act and
//! need approval, possibly conditional and time-limited. The same kind of cells used in clinical
//! research or private (uninsured) practice inside a medical institution fall under the Act on
//! the Safety of Regenerative Medicine (ASRM), which sorts technologies into three risk classes.
//!
//! What the crate's sources could not confirm is said so in each finding: the exact Class II
//! criteria of MHLW Ordinance No. 110, and Japan's own list of minimal operations.

use crate::rules::homologous::{self, HomologousVerdict};
use crate::table::vocab;
use crate::{
    AuthorisationKind, CatalogKey, CellPreparation, Fact, Finding, Jurisdiction, Outcome,
    ProcessingStep, Product, RuleId, Severity, TissueFunction,
};
use jiff::civil::Date;
use serde::Serialize;
use std::borrow::Cow;
use std::fmt;

/// The longest time limit of a conditional approval, in years (PMD Act Art 23-26).
const CONDITIONAL_APPROVAL_MAX_YEARS: f64 = 7.0;

vocab! {
    /// **The risk class of a regenerative medicine technology under Japan's ASRM.**
    ///
    /// The Act on the Safety of Regenerative Medicine (ASRM, Act No. 85 of 2013) covers cell
    /// therapies given in clinical research or private practice in medical institutions. The
    /// class decides the review: Class I plans go to a Certified Special Committee and then to
    /// MHLW with a 90-day restriction period; Class II and III plans are reviewed by a certified
    /// committee and submitted to MHLW.
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::AsrmRiskClass;
    ///
    /// assert_eq!(AsrmRiskClass::ClassI.to_string(), "class_i");
    /// assert_eq!("class_iii".parse::<AsrmRiskClass>()?, AsrmRiskClass::ClassIII);
    /// # Ok::<(), msc_therapy::UnknownCode>(())
    /// ```
    #[non_exhaustive]
    pub enum AsrmRiskClass {
        /// High risk: allogeneic, animal, genetically modified, ES or iPS cells (ASRM Art 2(5)).
        ClassI => "class_i", "Class I (high risk)";
        /// Medium risk: e.g. the patient's own cultured stem cells, or non-homologous use.
        ClassII => "class_ii", "Class II (medium risk)";
        /// Low risk: everything else (ASRM Art 2(7)), e.g. minimally processed autologous cells
        /// for homologous use.
        ClassIII => "class_iii", "Class III (low risk)";
        /// Not a regenerative medicine technology: the preparation holds no cells (exosomes,
        /// conditioned medium) and, from the 2025 amendment (Act No. 51 of 2024), is no in vivo
        /// gene therapy either. Outside ASRM is not "no risk", not "unregulated" and not "needs
        /// no approval": no ASRM plan is reviewed, and other law (the PMD Act, for instance as a
        /// drug needing its own approval) may still apply to it (MHLW notice on culture
        /// supernatants and exosomes, 31 Jul 2024).
        OutsideAsrm => "outside_asrm", "outside ASRM (no cells)";
        /// Not a regenerative medicine technology under ASRM because it is an approved
        /// regenerative medical product used according to its approval (ASRM Art 2(2)): the PMD
        /// Act approval governs it, and no ASRM plan or risk class applies. Given only by
        /// [`classify_jp_authorised`] for a Japanese approval whose indication and route the
        /// record matches.
        ApprovedProductOnLabel => "approved_product_on_label", "outside ASRM (approved product used as approved)";
        /// The facts given do not decide the class.
        Undetermined => "undetermined", "undetermined";
    }
}

vocab! {
    /// **Whether a product, sold commercially in Japan, would be a regenerative medical product.**
    ///
    /// Under the PMD Act a *regenerative medical product* is (1) processed — more than minimally
    /// manipulated — live human or animal cells meant to rebuild, repair or form body structures
    /// or functions, or to treat or prevent disease, or (2) a gene therapy product.
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::PmdActStatus;
    ///
    /// assert_eq!(PmdActStatus::RegenerativeMedicalProduct.to_string(), "regenerative_medical_product");
    /// ```
    #[non_exhaustive]
    pub enum PmdActStatus {
        /// Processed live cells, or a gene therapy product: needs approval under the PMD Act.
        RegenerativeMedicalProduct => "regenerative_medical_product", "regenerative medical product";
        /// Neither processed live cells nor a gene therapy product.
        NotRegenerativeMedicalProduct => "not_regenerative_medical_product", "not a regenerative medical product";
        /// The facts given (or the crate's sources) do not decide it.
        Undetermined => "undetermined", "undetermined";
    }
}

/// **The Japanese classification of one product**: its ASRM risk class (clinical research and
/// private practice) and its PMD Act status (commercial products), with the findings.
///
/// Produced by [`classify_jp`]. `Display` writes a short memo: both answers on the first line,
/// then one line per finding.
///
/// # Examples
///
/// ```
/// use msc_therapy::{classify_jp, AsrmRiskClass, Product, Text};
///
/// let report = classify_jp(&Product::named(Text::new("unknown product")?), jiff::civil::date(2026, 12, 7));
/// assert_eq!(report.risk_class, AsrmRiskClass::Undetermined);
/// assert!(report.to_string().starts_with("Japan: ASRM undetermined"));
/// # Ok::<(), msc_therapy::ValueError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct JpAssessment {
    /// The ASRM risk class, for use in clinical research or private practice.
    pub risk_class: AsrmRiskClass,
    /// The PMD Act status, for commercial manufacture and sale.
    pub pmd_act: PmdActStatus,
    /// The date the assessment applied (the caller's evaluation date).
    pub evaluated_on: crate::IsoDate,
    /// The findings, in the order the rules ran.
    pub findings: Vec<Finding>,
}

impl JpAssessment {
    /// The finding of one rule, if it ran.
    #[must_use]
    pub fn finding(&self, rule: RuleId) -> Option<&Finding> {
        self.findings.iter().find(|f| f.rule == rule)
    }
}

impl fmt::Display for JpAssessment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Japan: ASRM {} ({}); PMD Act {} ({})",
            self.risk_class.code(),
            self.risk_class.label(),
            self.pmd_act.code(),
            self.pmd_act.label()
        )?;
        for finding in &self.findings {
            write!(f, "\n- {finding}")?;
        }
        Ok(())
    }
}

/// **Classifies a product under Japanese law**: the ASRM risk class and the PMD Act status.
///
/// ASRM scope first ([`RuleId::JpAsrmScope`]): ASRM concerns technologies that use processed
/// cells and, since its amendment by Act No. 51 of 2024 came into force on 31 May 2025
/// ([`crate::ASRM_AMENDMENT_IN_FORCE`]), gene therapy without processed cells. A preparation with
/// no cells at all (exosomes, conditioned medium) is outside it ([`AsrmRiskClass::OutsideAsrm`]),
/// on or after that day only when its steps are stated and include no genetic modification
/// (otherwise scope and class are open). A preparation with cells or tissue but no living cells
/// (whose scope the crate's sources do not settle), an unstated preparation, and a use for
/// blood formation (a basic function of marrow and cord blood, which may be a haematopoietic
/// stem cell transplantation, excluded from ASRM by the Enforcement Order, Art 1) each get a
/// warning, and the class is still worked out as if ASRM applied: the reading that keeps its
/// review in force, so that taking a fact away never lowers the class.
///
/// ASRM risk class:
///
/// 1. *Class I* when the cells are allogeneic or animal ([`crate::Donor`]) or genetically
///    modified ([`ProcessingStep::GeneticModification`]). ES and iPS cells are Class I too, but
///    the crate's vocabulary has no such source. Unknown donor, or unknown processing, leaves
///    Class I open.
/// 2. Otherwise *Class II* when the cells were cultured, or the use is not homologous. These
///    criteria are the commonly summarised ones; MHLW Ordinance No. 110 was not available to
///    confirm them, and every Class II or III finding says so. Uncultured cells used
///    homologously that are, or may be, human somatic stem cells (marrow cells, adipose-derived
///    stem cells, cord blood, or cells the record calls MSCs) leave the class open: the
///    summaries list somatic stem cells as a Class II category of their own, which the
///    ordinance's text could not confirm.
/// 3. Otherwise *Class III* ("other than Class I and II", ASRM Art 2(7)).
///
/// Homologous use follows MHLW notice 医政研発1031第1号: cells given for a function like that of
/// the cells at the target site. The crate compares the source tissue's basic functions with
/// what the cells at the target site do (the site of use, stated or derived from the route) and
/// with the functions the indications imply as well as the declared ones, as the EU rule does;
/// the notice's example (fat-derived cells for breast reconstruction: homologous; the same cells
/// IV for diabetes: not) comes out the same.
///
/// PMD Act: genetically modified or cultured live cells are a regenerative medical product;
/// cell-free preparations, and preparations that deliver no live cells, are not. For other processing the answer is left open, because Japan's
/// list of minimal operations was not available. A finding on conditional, time-limited
/// approval (PMD Act Art 23-26, at most seven years) follows for products that may be
/// regenerative medical products.
///
/// # Examples
///
/// ```
/// # #[cfg(feature = "json")] {
/// use msc_therapy::{classify_jp, AsrmRiskClass, PmdActStatus, Product};
///
/// let product = Product::from_json(r#"{
///     "name": "Cultured bone-marrow MSCs for GvHD",
///     "preparation": "culture_expanded_msc",
///     "tissue": "bone_marrow",
///     "donor": "allogeneic_unrelated",
///     "processing": {"steps": ["culture_expansion", "cryopreservation"]}
/// }"#)?;
/// let report = classify_jp(&product, jiff::civil::date(2026, 12, 7));
/// assert_eq!(report.risk_class, AsrmRiskClass::ClassI);
/// assert_eq!(report.pmd_act, PmdActStatus::RegenerativeMedicalProduct);
/// # }
/// # Ok::<(), msc_therapy::DocumentError>(())
/// ```
#[must_use]
pub fn classify_jp(product: &Product, on: Date) -> JpAssessment {
    classify_jp_sharing(product, &homologous::Shared::new(product), on)
}

/// [`classify_jp`], with the homologous-use comparison shared with the other engines of a call.
pub(crate) fn classify_jp_sharing(
    product: &Product,
    shared: &homologous::Shared<'_>,
    on: Date,
) -> JpAssessment {
    // Room for every finding the engine writes (ASRM and PMD Act rules), so the list never grows.
    let mut findings = Vec::with_capacity(8);
    let risk_class = asrm(product, shared, &mut findings, on);
    let pmd_act = pmd_act(product, &mut findings);
    findings.extend(crate::law::horizon_finding(on));
    crate::law::calibrate(&mut findings);
    JpAssessment {
        risk_class,
        pmd_act,
        evaluated_on: on.into(),
        findings,
    }
}

/// **Classifies a product that holds a catalogued authorisation**: [`classify_jp`], then what
/// the authorisation says under the PMD Act.
///
/// The authorisation is named by its [`CatalogKey`] (identity by key, never by name), then
/// checked against the record: a stated tissue, donor or preparation that differs from the
/// catalog entry's is a contradiction, reported as an open question, and the authorisation is
/// not applied. A Japanese approval settles the PMD Act status (MHLW approved the product as a
/// regenerative medical product) and the conditional-approval finding
/// ([`RuleId::JpConditionalApproval`]): *met* for a conditional, time-limited approval under PMD
/// Act Art 23-26, with its dates and the seven-year limit as facts; *not applicable* for a full
/// approval. An authorisation elsewhere says nothing about Japan and changes nothing.
///
/// ASRM Art 2(2) excludes the use of an approved regenerative medical product according to its
/// approval: when every stated indication is one of the approval's and the route is the
/// approved one, the risk class is [`AsrmRiskClass::ApprovedProductOnLabel`] and the ASRM class
/// findings are dropped; another indication or route keeps ASRM (the class the cells have), and
/// a record that states no indication or route leaves the scope open, naming what is missing.
///
/// # Examples
///
/// ```
/// # #[cfg(feature = "json")] {
/// use msc_therapy::{CatalogKey, Outcome, PmdActStatus, Product, RuleId, classify_jp_authorised};
///
/// let stemirac = Product::from_json(r#"{
///     "name": "STEMIRAC",
///     "preparation": "culture_expanded_msc",
///     "tissue": "bone_marrow",
///     "donor": "autologous",
///     "processing": {"steps": ["culture_expansion"]},
///     "intended_use": {"indications": ["spinal_cord_injury"]},
///     "delivery": {"route": "intravenous"}
/// }"#)?;
/// let report = classify_jp_authorised(&stemirac, CatalogKey::StemiracJp, jiff::civil::date(2026, 12, 7));
/// assert_eq!(report.pmd_act, PmdActStatus::RegenerativeMedicalProduct);
/// let conditional = report.finding(RuleId::JpConditionalApproval).unwrap();
/// assert_eq!(conditional.outcome, Outcome::Met);
/// # }
/// # Ok::<(), msc_therapy::DocumentError>(())
/// ```
#[must_use]
pub fn classify_jp_authorised(product: &Product, key: CatalogKey, on: Date) -> JpAssessment {
    let mut report = classify_jp(product, on);
    let entry = key.product();
    if entry.jurisdiction != Jurisdiction::Japan {
        return report;
    }
    let approval = Finding::new(
        RuleId::JpConditionalApproval,
        Outcome::Undetermined,
        Severity::Warning,
    )
    .at("authorisation")
    .fact(Fact::code("authorisation.catalog_key", key.code()))
    .fact(Fact::code("derived.authorisation_kind", entry.kind.code()).as_derived())
    .fact(
        Fact::number(
            "pmd_act.conditional_approval_max_years",
            CONDITIONAL_APPROVAL_MAX_YEARS,
        )
        .with_unit("years")
        .as_limit(),
    );
    let contradicts = product.tissue.is_some_and(|t| t != entry.tissue)
        || product.donor.is_some_and(|d| !d.agrees_with(entry.donor))
        || product.preparation.is_some_and(|p| p != entry.preparation);
    let status = entry.status_on(on);
    let approval = approval.fact(Fact::code("catalog.status", status.code()).as_limit());
    let approval = match entry.time_limit_ends_on {
        Some(end) => approval.fact(Fact::date("derived.time_limit_ends_on", end).as_derived()),
        None => approval,
    };
    let approval = if contradicts {
        approval.because("the record's tissue, donor or preparation differs from the catalog entry named, so the product is not shown to be the one approved")
    } else if !status.in_force() {
        // Withdrawn, ended, or not yet granted on the date: the approval is not applied.
        Finding {
            reason: Some(Cow::Owned(format!(
                "the catalog entry named is not shown to be approved on the evaluation date: {}",
                entry.status_text_on(on)
            ))),
            ..approval
        }
    } else if !status.confirmed_in_force() && entry.kind == AuthorisationKind::Conditional {
        // A conditional approval whose standing on the date the sources do not confirm: past
        // its time limit while full approval is decided (the PMD Act status holds as the holder
        // states it, the outcome is open), under a shipment condition, or unconfirmed.
        let approval = match entry.full_approval_applied_on {
            Some(day) => {
                approval.fact(Fact::date("catalog.full_approval_applied_on", day).as_limit())
            }
            None => approval,
        };
        Finding {
            outcome: Outcome::Met,
            severity: Severity::Warning,
            reason: Some(Cow::Owned(format!(
                "approved with conditions and a time limit (PMD Act Art 23-26), and {}",
                entry.status_text_on(on)
            ))),
            ..approval
        }
    } else {
        match entry.kind {
            AuthorisationKind::Conditional => Finding {
                outcome: Outcome::Met,
                severity: Severity::Info,
                ..approval.because("approved with conditions and a time limit (PMD Act Art 23-26): the holder must apply for full approval before the time limit ends")
            },
            AuthorisationKind::Full => Finding {
                outcome: Outcome::NotApplicable,
                severity: Severity::Info,
                ..approval.because("the product holds a full approval")
            },
            AuthorisationKind::Provisional | AuthorisationKind::National => approval.because("the catalog records an authorisation of another kind; what it means under the PMD Act is not settled by the crate's sources"),
        }
    };
    let applied = approval.outcome != Outcome::Undetermined;
    for finding in &mut report.findings {
        if finding.rule == RuleId::JpConditionalApproval {
            *finding = approval.clone();
        }
    }
    if applied {
        report.pmd_act = PmdActStatus::RegenerativeMedicalProduct;
        for finding in &mut report.findings {
            if finding.rule == RuleId::JpRegenerativeMedicalProduct
                && finding.outcome != Outcome::Met
            {
                *finding = Finding::new(
                    RuleId::JpRegenerativeMedicalProduct,
                    Outcome::Met,
                    Severity::Info,
                )
                .at("authorisation")
                .fact(Fact::code("authorisation.catalog_key", key.code()))
                .because("MHLW approved it as a regenerative medical product");
            }
        }
        on_label_outside_asrm(&mut report, product, key, entry);
    }
    crate::law::calibrate(&mut report.findings);
    report
}

/// ASRM Art 2(2): a regenerative medical product approved under the PMD Act and used only
/// according to its approval is not a regenerative medicine technology under ASRM. Used on
/// label (every stated indication and the route are the approval's), the ASRM class is
/// [`AsrmRiskClass::ApprovedProductOnLabel`] and the class findings are dropped; used off label,
/// ASRM applies as to any other cells; when the record does not say how it is used, the scope
/// is an open question and the class stays the one it has if ASRM applies.
fn on_label_outside_asrm(
    report: &mut JpAssessment,
    product: &Product,
    key: CatalogKey,
    entry: &crate::ApprovedProduct,
) {
    let intended = product.intended_use.as_ref();
    let indications = intended.and_then(|u| u.indications_known());
    let other = intended.is_some_and(|u| !u.other_indications.is_empty());
    let route = product.delivery.as_ref().map(|d| d.route);
    let indication_on_label = match indications {
        Some(stated) if other || stated.iter().any(|i| !entry.indications.contains(i)) => {
            Some(false)
        }
        Some(stated) if !stated.is_empty() => Some(true),
        // No indication stated, or "[]" (offered for no condition): not shown to be the
        // approved use.
        _ if other => Some(false),
        _ => None,
    };
    let route_on_label = route.map(|r| r == entry.route);
    let base = Finding::new(
        RuleId::JpAsrmScope,
        Outcome::Undetermined,
        Severity::Warning,
    )
    .at("intended_use.indications")
    .fact(Fact::code("authorisation.catalog_key", key.code()))
    .based_on(crate::Basis::RegulationText);
    let base = match route {
        Some(r) => base.fact(Fact::code("delivery.route", r.code())),
        None => base,
    };
    let scope = match (indication_on_label, route_on_label) {
        (Some(true), Some(true)) => {
            report.risk_class = AsrmRiskClass::ApprovedProductOnLabel;
            report.findings.retain(|f| {
                !matches!(
                    f.rule,
                    RuleId::JpAsrmExcluded
                        | RuleId::JpAsrmClassI
                        | RuleId::JpHomologousUse
                        | RuleId::JpAsrmClassII
                )
            });
            Finding {
                outcome: Outcome::NotMet,
                severity: Severity::Info,
                ..base.because("an approved regenerative medical product used according to its approval (its indication and route) is not a regenerative medicine technology under ASRM (Art 2(2)): the PMD Act approval governs it, and no ASRM plan, committee review or risk class applies")
            }
        }
        (Some(false), _) | (_, Some(false)) => Finding {
            outcome: Outcome::Met,
            severity: Severity::Info,
            ..base.because("an approved regenerative medical product given outside its approval (another indication or route) is not excluded by ASRM Art 2(2), which covers only use according to the approval: in clinical research or private practice ASRM applies, with the class below")
        },
        _ => {
            let mut open = base.because("an approved regenerative medical product used according to its approval is outside ASRM (Art 2(2)), but the record does not show that this use is the approved one: the class below is the one it has if ASRM applies");
            if indication_on_label.is_none() {
                open = open.missing("intended_use.indications");
            }
            if route_on_label.is_none() {
                open = open.missing("delivery");
            }
            open
        }
    };
    for finding in &mut report.findings {
        if finding.rule == RuleId::JpAsrmScope {
            *finding = scope.clone();
        }
    }
}

fn steps(product: &Product) -> Option<&[ProcessingStep]> {
    product.processing.as_ref().and_then(|p| p.steps_known())
}

fn step_facts(finding: Finding, product: &Product) -> Finding {
    match steps(product) {
        Some(steps) => finding.fact(Fact::terms("processing.steps", steps.iter().copied())),
        None => finding,
    }
}

fn is_genetically_modified(product: &Product) -> bool {
    steps(product).is_some_and(|s| s.contains(&ProcessingStep::GeneticModification))
}

fn is_cultured(product: &Product) -> bool {
    steps(product).is_some_and(|s| s.contains(&ProcessingStep::CultureExpansion))
        || product
            .preparation
            .is_some_and(|p| p.info().culture_expanded)
}

/// **Whether the cells may be human somatic stem cells** (ヒト体性幹細胞): tissue stem cells
/// such as haematopoietic and mesenchymal stem cells (bone marrow stromal and adipose-derived
/// stem cells included), cell populations rich in them such as whole bone marrow, and cord
/// blood, as MHLW notice 薬食発0907第3号 (7 Sep 2012) defines them; and any cells the record
/// calls MSCs ([`Product::designation`]). Preparations that hold no such cells: platelet-rich
/// plasma, a tissue sheet, a secreted fluid without isolated cells, a decellularized matrix.
/// An unstated preparation may.
fn may_be_somatic_stem_cells(product: &Product) -> bool {
    if product.designation.is_some() {
        return true;
    }
    match product.preparation {
        None => true,
        Some(p) => match p {
            CellPreparation::CultureExpandedMsc
            | CellPreparation::BoneMarrowConcentrate
            | CellPreparation::BoneMarrowAspirate
            | CellPreparation::StromalVascularFraction
            | CellPreparation::MicrofragmentedAdipose
            | CellPreparation::FatGraft
            | CellPreparation::PerinatalAllograft
            | CellPreparation::CordBloodUnit
            | CellPreparation::CulturedCells => true,
            CellPreparation::TissueSheet
            | CellPreparation::ExtracellularVesicles
            | CellPreparation::ConditionedMedium
            | CellPreparation::PlateletRichPlasma
            | CellPreparation::DecellularizedMatrix
            | CellPreparation::SecretedFluid => false,
        },
    }
}

/// A stated cell-free preparation (the table's `cell_free` column): exosomes, conditioned medium.
fn is_cell_free(product: &Product) -> bool {
    product
        .preparation
        .is_some_and(|preparation| preparation.info().cell_free)
}

/// Steps whose place in the ASRM classes the crate's sources do not settle.
fn unsettled_steps(product: &Product) -> smallvec::SmallVec<[&'static str; 8]> {
    steps(product)
        .unwrap_or_default()
        .iter()
        .filter(|s| {
            matches!(
                s,
                ProcessingStep::ActivationPriming
                    | ProcessingStep::Decellularization
                    | ProcessingStep::Unclassified
            )
        })
        .map(|s| s.code())
        .collect()
}

fn asrm(
    product: &Product,
    shared: &homologous::Shared<'_>,
    findings: &mut Vec<Finding>,
    on: Date,
) -> AsrmRiskClass {
    // Only a settled "no cells" ends the analysis. An open scope question (no living cells, an
    // unstated preparation, a possible blood stem cell transplant) is a finding of its own, and
    // the class is still worked out as if ASRM applied: the reading that keeps its review in
    // force, so that a fact taken away never turns a class into a lower one.
    let scope = asrm_scope(product, on);
    let scope_outcome = scope.outcome;
    findings.push(scope);
    if scope_outcome == Outcome::NotMet {
        return AsrmRiskClass::OutsideAsrm;
    }
    if is_cell_free(product) {
        // Open only because the preparation might be gene therapy (ASRM as amended from
        // 31 May 2025): the cell categories of the classes do not fit a cell-free product, so
        // the class stays open too.
        return AsrmRiskClass::Undetermined;
    }

    let intended = product.intended_use.as_ref();
    let declared = intended
        .and_then(|u| u.functions_known())
        .unwrap_or_default();
    let implied_blood = intended
        .and_then(|u| u.indications_known())
        .unwrap_or_default()
        .iter()
        .any(|i| i.info().implies.contains(&TissueFunction::Hematopoiesis));
    let forms_blood = declared.contains(&TissueFunction::Hematopoiesis)
        || implied_blood
        || product.preparation == Some(CellPreparation::CordBloodUnit);
    if forms_blood {
        let excluded = shared
            .get()
            .open_finding(RuleId::JpAsrmExcluded)
            .because("cells given to form blood may be a haematopoietic stem cell transplantation, which the Order excludes from ASRM; the crate does not decide whether this use is one, and gives the class the technology has if ASRM applies");
        findings.push(excluded);
    }

    let class_i = class_i(product);
    let class_i_outcome = class_i.outcome;
    findings.push(class_i);
    if class_i_outcome == Outcome::Met {
        return AsrmRiskClass::ClassI;
    }

    let homologous = homologous_use(shared.get());
    let homologous_outcome = homologous.outcome;
    findings.push(homologous);

    let class_ii = class_ii(product, homologous_outcome);
    let class_ii_outcome = class_ii.outcome;
    findings.push(class_ii);

    match (class_i_outcome, class_ii_outcome) {
        (Outcome::NotMet, Outcome::Met) => AsrmRiskClass::ClassII,
        (Outcome::NotMet, Outcome::NotMet) => AsrmRiskClass::ClassIII,
        // Class I open (a met Class I returned above), or Class II open: the class is open.
        (Outcome::Met | Outcome::Undetermined | Outcome::NotApplicable, _)
        | (Outcome::NotMet, Outcome::Undetermined | Outcome::NotApplicable) => {
            AsrmRiskClass::Undetermined
        }
    }
}

/// ASRM Art 2: does the technology use processed cells (or, from 31 May 2025, is it gene
/// therapy)?
fn asrm_scope(product: &Product, on: Date) -> Finding {
    let base = Finding::new(RuleId::JpAsrmScope, Outcome::Met, Severity::Info).at("preparation");
    let Some(preparation) = product.preparation else {
        // Read as within ASRM, the reading that keeps its review in force; a cell-free
        // preparation would be outside it.
        return Finding {
            outcome: Outcome::Undetermined,
            severity: Severity::Warning,
            ..base
                .because("what kind of preparation it is is not given; the risk class below assumes it holds processed cells, since a cell-free preparation (exosomes, conditioned medium) would be outside ASRM")
                .missing("preparation")
        };
    };
    let base = base.fact(Fact::code("preparation", preparation.code()));
    let amended = on >= crate::law::ASRM_AMENDMENT_IN_FORCE;
    if is_cell_free(product)
        && amended
        && steps(product).is_none_or(|s| s.contains(&ProcessingStep::GeneticModification))
    {
        // Since the amendment by Act No. 51 of 2024 (in force 31 May 2025) ASRM also covers
        // gene therapy without processed cells; a cell-free preparation is outside ASRM only
        // when no genetic modification is involved, which the steps must show.
        let open = base.fact(
            Fact::date(
                "derived.asrm_amendment_in_force",
                crate::law::ASRM_AMENDMENT_IN_FORCE,
            )
            .as_limit(),
        );
        return Finding {
            outcome: Outcome::Undetermined,
            severity: Severity::Warning,
            ..if steps(product).is_none() {
                open.because("a cell-free preparation, but since 31 May 2025 (Act No. 51 of 2024) ASRM also covers gene therapy that uses no processed cells (in vivo gene therapy); without the processing steps a genetic modification cannot be ruled out, so whether ASRM applies stays open; the class below is the one it has if ASRM applies")
                    .missing("processing.steps")
            } else {
                open.at("processing.steps").because("a cell-free preparation from genetically modified cells: since 31 May 2025 (Act No. 51 of 2024) ASRM also covers gene therapy that uses no processed cells, and whether this preparation is one is not settled by the crate's sources; the class below is the one it has if ASRM applies")
            }
        };
    }
    if is_cell_free(product) {
        Finding {
            outcome: Outcome::NotMet,
            ..base.because(if amended {
                "the preparation holds no cells and involves no genetic modification: ASRM concerns technologies using processed cells and, since 31 May 2025 (Act No. 51 of 2024), gene therapy; exosomes and culture supernatant are outside it, so no ASRM plan, committee review or risk class applies; no such product is approved either, and the physician bears responsibility for its use (MHLW office notice, 31 Jul 2024)"
            } else {
                "the preparation holds no cells, and ASRM (before its amendment by Act No. 51 of 2024 came into force on 31 May 2025) concerns technologies using processed cells: exosomes and culture supernatant are outside it, so no ASRM plan, committee review or risk class applies; no such product is approved either, and the physician bears responsibility for its use (MHLW office notice, 31 Jul 2024)"
            })
        }
    } else if preparation == CellPreparation::PlateletRichPlasma {
        Finding {
            outcome: Outcome::Met,
            ..base.because("blood-derived cell preparations such as platelet-rich plasma are regenerative medicine technologies under ASRM; MHLW's notice 医政研発1031第1号 classifies uncultured peripheral-blood techniques by their site of use")
        }
    } else if !preparation.info().live_cells {
        Finding {
            outcome: Outcome::Undetermined,
            severity: Severity::Warning,
            ..base.because("the preparation holds cells or tissue but no living cells; whether ASRM, which concerns processed cells, covers such a preparation is not settled by the crate's sources; the class given is the one it has if ASRM applies")
        }
    } else {
        base.because(
            "the preparation delivers living cells: a technology using processed cells within ASRM",
        )
    }
}

/// ASRM Art 2(5): allogeneic, animal or genetically modified cells.
fn class_i(product: &Product) -> Finding {
    let mut base = step_facts(
        Finding::new(
            RuleId::JpAsrmClassI,
            Outcome::Undetermined,
            Severity::Warning,
        )
        .at("donor"),
        product,
    );
    if let Some(donor) = product.donor {
        base = base.fact(Fact::code("donor", donor.code()));
    }
    if is_genetically_modified(product) {
        return Finding {
            outcome: Outcome::Met,
            severity: Severity::Info,
            ..base
                .at("processing.steps")
                .because("genes were introduced into the cells")
        };
    }
    match product.donor {
        Some(d) if d.is_allogeneic() => Finding {
            outcome: Outcome::Met,
            severity: Severity::Info,
            ..base.because("the cells come from a person other than the patient")
        },
        Some(crate::Donor::Xenogeneic) => Finding {
            outcome: Outcome::Met,
            severity: Severity::Info,
            ..base.because("animal cells")
        },
        None => base
            .because("who the cells come from is not given")
            .missing("donor"),
        Some(_) => {
            let unsettled = unsettled_steps(product);
            if steps(product).is_none() {
                base.because("the patient's own cells, but without a processing record genetic modification cannot be ruled out")
                    .missing("processing.steps")
            } else if unsettled.contains(&ProcessingStep::Unclassified.code()) {
                // The steps are given; what is open is what the unclassified one is.
                base.because("the patient's own cells, but an unclassified step could be a genetic modification")
            } else {
                Finding {
                    outcome: Outcome::NotMet,
                    severity: Severity::Info,
                    ..base.because("the patient's own cells, not genetically modified (an ES or iPS source cannot be recorded in this crate's vocabulary)")
                }
            }
        }
    }
}

/// MHLW notice 医政研発1031第1号: homologous use — cells with a function like that of the cells
/// at the target site (the shared homologous-use analysis, on the site of use).
fn homologous_use(h: &homologous::Homologous<'_>) -> Finding {
    let base = h.open_finding(RuleId::JpHomologousUse);
    match h.verdict {
        HomologousVerdict::Homologous => Finding {
            outcome: Outcome::Met,
            severity: Severity::Info,
            ..base.because("every declared and implied function is a basic function of the source tissue and is performed by the cells at the target site")
        },
        HomologousVerdict::NotHomologous(why) => Finding {
            outcome: Outcome::NotMet,
            severity: Severity::Info,
            ..base.at(why.path()).because(why.reason())
        },
        HomologousVerdict::Undetermined => {
            let mut open = base.because("a fact the comparison of functions needs is missing");
            for path in &h.missing {
                open = open.missing(path);
            }
            open
        }
    }
}

/// Class II: cultured cells or non-homologous use (criteria not confirmed against the ordinance).
fn class_ii(product: &Product, homologous: Outcome) -> Finding {
    let base = step_facts(
        Finding::new(
            RuleId::JpAsrmClassII,
            Outcome::Undetermined,
            Severity::Warning,
        )
        .at("processing.steps"),
        product,
    )
    .fact(Fact::flag("derived.cultured", is_cultured(product)).as_derived());
    let unsettled = unsettled_steps(product);
    if is_cultured(product) {
        Finding {
            outcome: Outcome::Met,
            severity: Severity::Info,
            ..base.because(
                "cultured cells (criterion as summarised; MHLW Ordinance No. 110 not confirmed)",
            )
        }
    } else if homologous == Outcome::NotMet {
        Finding {
            outcome: Outcome::Met,
            severity: Severity::Info,
            ..base
                .at("intended_use.functions")
                .because("non-homologous use (criterion as summarised; MHLW Ordinance No. 110 not confirmed)")
        }
    } else if steps(product).is_none() || product.preparation.is_none() {
        let mut open =
            base.because("culture cannot be ruled out: the processing steps and the kind of preparation both say whether the cells were cultured");
        if steps(product).is_none() {
            open = open.missing("processing.steps");
        }
        if product.preparation.is_none() {
            open = open.missing("preparation");
        }
        open
    } else if !unsettled.is_empty() {
        base.fact(Fact::code_list("derived.unsettled_steps", unsettled).as_derived())
            .because("a step whose ASRM class the crate's sources do not settle")
    } else if homologous == Outcome::Met && may_be_somatic_stem_cells(product) {
        // Uncultured cells for homologous use: Class III on the culture and homologous-use
        // criteria alone, but the summaries of the ordinance list human somatic stem cells as a
        // Class II category of their own. The ordinance's text was not read: open.
        let base = match product.preparation {
            Some(p) => base.fact(Fact::code("preparation", p.code())),
            None => base,
        };
        let base = match product.designation {
            Some(d) => base.fact(Fact::code("designation", d.code())),
            None => base,
        };
        base.at("preparation")
            .fact(Fact::flag("derived.may_be_somatic_stem_cells", true).as_derived())
            .because("uncultured cells for homologous use, which would be Class III on the culture and homologous-use criteria alone; but the preparation holds, or may hold, human somatic stem cells (体性幹細胞: marrow cells, adipose-derived stem cells, cord blood, as MHLW notice 薬食発0907第3号 (7 Sep 2012) defines them), and published summaries of the Class II criteria of MHLW Ordinance No. 110 list human somatic stem cells as a Class II category whatever the culture or the use, placing the patient's own adipose-derived stem cells in Class II; the ordinance's text could not be read to confirm it, so the class is left open (Class II on that reading)")
    } else if homologous == Outcome::Met {
        Finding {
            outcome: Outcome::NotMet,
            ..base.because("uncultured cells for homologous use, with no somatic stem cells recorded, so Class III; the Class II criteria are not confirmed against MHLW Ordinance No. 110, so confirm with the MHLW classification flowchart")
        }
    } else {
        base.because("whether the use is homologous is not decided")
    }
}

fn pmd_act(product: &Product, findings: &mut Vec<Finding>) -> PmdActStatus {
    let mut base = step_facts(
        Finding::new(
            RuleId::JpRegenerativeMedicalProduct,
            Outcome::Undetermined,
            Severity::Warning,
        )
        .at("processing.steps"),
        product,
    );
    if let Some(preparation) = product.preparation {
        base = base.fact(Fact::code("preparation", preparation.code()));
    }
    let live = product.preparation.map(|p| p.info().live_cells);
    let (status, finding) = if is_genetically_modified(product) {
        (
            PmdActStatus::RegenerativeMedicalProduct,
            Finding {
                outcome: Outcome::Met,
                severity: Severity::Info,
                ..base.because(
                    "genetically modified cells: a gene therapy product or processed cells",
                )
            },
        )
    } else if live == Some(false) && steps(product).is_none() {
        // No live cells, but without the steps a genetic modification (a gene therapy
        // product) cannot be ruled out.
        (
            PmdActStatus::Undetermined,
            base.because("the preparation delivers no live cells, but without the processing steps a genetic modification, which would make a gene therapy product, cannot be ruled out")
                .missing("processing.steps"),
        )
    } else if is_cell_free(product) {
        (
            PmdActStatus::NotRegenerativeMedicalProduct,
            Finding {
                outcome: Outcome::NotMet,
                severity: Severity::Info,
                ..base.at("preparation").because(
                    "a cell-free preparation holds no live cells, and its cells were not genetically modified: not a gene therapy product",
                )
            },
        )
    } else if live == Some(false) {
        (
            PmdActStatus::NotRegenerativeMedicalProduct,
            Finding {
                outcome: Outcome::NotMet,
                severity: Severity::Info,
                ..base
                    .at("preparation")
                    .because("the preparation does not deliver live cells, and the definition concerns processed live cells")
            },
        )
    } else if is_cultured(product) {
        if live == Some(true) {
            (
                PmdActStatus::RegenerativeMedicalProduct,
                Finding {
                    outcome: Outcome::Met,
                    severity: Severity::Info,
                    ..base.because("cultured live cells are processed beyond minimal manipulation")
                },
            )
        } else {
            (
                PmdActStatus::Undetermined,
                base.at("preparation")
                    .because(
                        "cultured cells, but whether the product delivers live cells is not given",
                    )
                    .missing("preparation"),
            )
        }
    } else if steps(product).is_none() {
        (
            PmdActStatus::Undetermined,
            base.because("no processing record")
                .missing("processing.steps"),
        )
    } else {
        (
            PmdActStatus::Undetermined,
            base.because("no culture or genetic modification; Japan's list of minimal operations is not in the crate's sources, so whether this processing makes 'processed' cells is left open"),
        )
    };
    findings.push(finding);

    let conditional = Finding::new(
        RuleId::JpConditionalApproval,
        Outcome::Undetermined,
        Severity::Info,
    )
    .fact(
        Fact::number(
            "pmd_act.conditional_approval_max_years",
            CONDITIONAL_APPROVAL_MAX_YEARS,
        )
        .with_unit("years")
        .as_limit(),
    );
    findings.push(if status == PmdActStatus::NotRegenerativeMedicalProduct {
        Finding {
            outcome: Outcome::NotApplicable,
            ..conditional.because("only regenerative medical products can receive it")
        }
    } else {
        Finding {
            severity: Severity::Warning,
            ..conditional.because("ask whether the product holds (or seeks) a conditional, time-limited approval: it is open to a regenerative medical product that is not homogeneous, is presumed effective and is not presumed worthless for its harms; those are judgements on clinical data, not in a product record, and the holder must apply for full approval within the time limit")
        }
    });
    status
}
