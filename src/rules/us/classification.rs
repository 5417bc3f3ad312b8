//! The US classifications (361 HCT/P, 351 product, …) and what each requires.

use super::*;
use crate::rules::offer::Pathway;

/// **The number of unrelated indication categories from which an offer becomes "an unproven
/// treatment for a myriad of diseases or conditions"**, and so not for homologous use only.
///
/// FDA's MM/HU guidance (2017, rev. 2020, section IV, Q17, after Example 17-2) says that an HCT/P intended "for
/// use as an unproven treatment for a myriad of diseases or conditions" is likely not intended for
/// homologous use only, but gives no number. The crate draws the line at conditions from three
/// or more distinct [`IndicationCategory`](crate::IndicationCategory) values (e.g. knee osteoarthritis, multiple sclerosis and
/// autism): a single source tissue has no basic function that spans three unrelated families of
/// disease. It is a documented policy choice, not a figure from FDA.
///
/// # Examples
///
/// ```
/// assert_eq!(msc_therapy::engine::us::US_MYRIAD_INDICATION_CATEGORIES, 3);
/// ```
pub const US_MYRIAD_INDICATION_CATEGORIES: usize = 3;

/// **What the crate knows about a US classification**: one row of the [`UsClassification`]
/// table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct UsClassificationInfo {
    /// What follows for the product and its maker, in one sentence.
    pub consequence: &'static str,
    /// Where that consequence comes from.
    pub citation: &'static str,
    /// What the classification requires before the product may be marketed or given, as the
    /// patient's checklist reads it (crate-internal; the consequence says it in words).
    #[serde(skip)]
    pub(crate) pathway: Pathway,
}

pub(super) const fn consequence(
    pathway: Pathway,
    consequence: &'static str,
    citation: &'static str,
) -> UsClassificationInfo {
    UsClassificationInfo {
        consequence,
        citation,
        pathway,
    }
}

vocab! {
    /// **How US law classifies a cell or tissue product under 21 CFR Part 1271.**
    ///
    /// An *HCT/P* is a human cell, tissue, or cellular or tissue-based product: human cells or
    /// tissue meant to be implanted, transplanted, infused or transferred into a patient
    /// (21 CFR 1271.3(d)). Section 361 of the Public Health Service (PHS) Act lets FDA prevent the
    /// spread of communicable disease; an HCT/P that meets all four criteria of 21 CFR 1271.10(a)
    /// is regulated *solely* under that section (a "361 HCT/P": register and list, no premarket
    /// approval). One that fails any criterion is a drug or biological product under section 351
    /// ("351": an IND to study it, a BLA to market it). A surgeon who removes a patient's tissue
    /// and puts it back in the same operation falls outside Part 1271 altogether
    /// (21 CFR 1271.15(b)).
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::engine::us::UsClassification;
    ///
    /// let c: UsClassification = "section_351_product".parse()?;
    /// assert_eq!(c, UsClassification::Section351Product);
    /// assert!(c.info().citation.contains("1271.20"));
    /// # Ok::<(), msc_therapy::document::UnknownCode>(())
    /// ```
    #[non_exhaustive]
    pub enum UsClassification: UsClassificationInfo {
        /// Not an HCT/P: an exclusion of 21 CFR 1271.3(d) applies (animal cells, a blood product
        /// such as PRP, a secreted or cell-free product, or minimally manipulated bone marrow for
        /// homologous use). Part 1271 does not apply; other FDA law may.
        NotAnHctp => "not_an_hctp", "not an HCT/P", consequence(
            Pathway::OtherLaw,
            "Part 1271 does not apply; other FDA law may: platelet-rich plasma is a blood product, and FDA regulates exosome and other cell-free products as drugs and biological products and has approved none. Which FDA law applies, and whether the product needs an approval or an IND, is a question for FDA (a Request for Designation, 21 CFR Part 3).",
            "21 CFR 1271.3(d); FDA MM/HU guidance (2017, rev. 2020), section V.A; FDA, Public Safety Notification on Exosome Products (Dec 2019)",
        );
        /// Removed from and put back into the same patient in one surgical procedure, still
        /// "such HCT/P": the establishment need not comply with Part 1271.
        ExceptedSameSurgicalProcedure => "excepted_same_surgical_procedure", "excepted: same surgical procedure", consequence(
            Pathway::Excepted,
            "The establishment is not required to comply with Part 1271 for this procedure (no registration, listing, donor eligibility or current good tissue practice requirements), as long as every condition of the exception holds.",
            "21 CFR 1271.15(b); FDA Same Surgical Procedure Exception guidance (Nov 2017); FDA MM/HU guidance section V.A",
        );
        /// Meets every criterion of 21 CFR 1271.10(a): regulated solely under section 361 of the
        /// PHS Act and Part 1271.
        Section361Hctp => "section_361_hctp", "Section 361 HCT/P", consequence(
            Pathway::TissueRules,
            "Regulated solely under PHS Act section 361 and Part 1271: the establishment must register and list each HCT/P with FDA (within 5 days of starting operations, updated every December) and comply with the rest of Part 1271; no premarket approval.",
            "21 CFR 1271.10(b), 1271.21(a)-(b)",
        );
        /// Fails at least one criterion of 21 CFR 1271.10(a) and no exception applies: a drug
        /// and/or biological product under section 351 of the PHS Act.
        Section351Product => "section_351_product", "Section 351 drug / biological product", consequence(
            Pathway::Authorisation,
            "Regulated as a drug and/or biological product: an IND (21 CFR 312) is needed to study it in people and a BLA (PHS Act 351(a), 42 U.S.C. 262(a)) to market it; the establishment also registers and lists under 21 CFR 1271.1(b)(2).",
            "21 CFR 1271.20; PHS Act section 351; FDA MM/HU guidance Q23-Q25",
        );
        /// A fact the decision needs is missing. Never read as 361: until the facts are supplied
        /// the product has not been shown to meet the criteria.
        Undetermined => "undetermined", "undetermined", consequence(
            Pathway::Undetermined,
            "The product cannot be classified on the facts given: supply the missing facts. It has not been shown to meet the 361 criteria, so it must not be treated as a 361 HCT/P; FDA's Tissue Reference Group or a Request for Designation (21 CFR Part 3) gives a formal answer.",
            "21 CFR 1271.10(a), 1271.20; FDA MM/HU guidance Q26",
        );
    }
}
