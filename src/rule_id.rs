//! Every rule of the crate, in one table.

use crate::table::vocab;

/// **What the crate knows about a rule**: one row of the [`RuleId`] table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleInfo {
    /// One line: what the rule requires.
    pub summary: &'static str,
    /// The regulation, guidance or paper the rule rests on.
    pub citation: &'static str,
    /// A longer explanation for people who do not know the field.
    pub explanation: &'static str,
}

const fn rule(
    summary: &'static str,
    citation: &'static str,
    explanation: &'static str,
) -> RuleInfo {
    RuleInfo {
        summary,
        citation,
        explanation,
    }
}

vocab! {
    /// **The stable id of every rule in the crate.**
    ///
    /// The machine name (`us.cfr1271.10.a.1`) is stable across releases: store it, search for it,
    /// link to it. Its row holds the rule's one-line summary, citation and explanation, so this
    /// table is the list of everything the crate checks.
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::RuleId;
    ///
    /// let id: RuleId = "us.cfr1271.10.a.1".parse()?;
    /// assert_eq!(id, RuleId::UsMinimalManipulation);
    /// assert!(id.info().citation.contains("1271.10(a)(1)"));
    /// # Ok::<(), strum::ParseError>(())
    /// ```
    #[non_exhaustive]
    pub enum RuleId: RuleInfo {
        // ---- US: 21 CFR Part 1271 (rules::us) ----

        /// Is the product an HCT/P at all? (21 CFR 1271.3(d))
        UsIsHctp => "us.cfr1271.3.d", "is an HCT/P", rule(
            "The product consists of human cells or tissues for implantation, transplantation, infusion or transfer, and no exclusion of 1271.3(d) applies",
            "21 CFR 1271.3(d); FDA MM/HU guidance (2017, rev. 2020), section III and footnote 4",
            "Part 1271 only covers HCT/Ps. Minimally manipulated bone marrow for homologous use and not combined with another article, blood products such as platelet-rich plasma, secreted or extracted products such as cell factors (so cell-free exosome or conditioned-medium products), secreted body fluids such as amniotic fluid, and cells from animals are not HCT/Ps; cells isolated from a secreted fluid are. Not being an HCT/P takes a product out of Part 1271, not out of FDA's reach.",
        );
        /// The same-surgical-procedure exception (21 CFR 1271.15(b)).
        UsSameSurgicalProcedure => "us.cfr1271.15.b", "same surgical procedure exception", rule(
            "Autologous cells removed and implanted in the same surgical procedure, still 'such HCT/P' (only rinsing, cleansing, sizing, shaping in between)",
            "21 CFR 1271.15(b); FDA Same Surgical Procedure Exception guidance (Nov 2017), Q2-Q7",
            "An establishment that removes HCT/Ps from a patient and implants them into the same patient during the same surgical procedure need not follow Part 1271 at all. The exception is narrow: the cells must remain 'such HCT/P', so steps such as enzymatic digestion or culture expansion, or a second visit weeks later, take a product out of it.",
        );
        /// Criterion 1 of 21 CFR 1271.10(a): minimal manipulation.
        UsMinimalManipulation => "us.cfr1271.10.a.1", "minimal manipulation", rule(
            "The HCT/P is minimally manipulated (1271.3(f)), judged on the tissue as it existed in the donor",
            "21 CFR 1271.10(a)(1) and 1271.3(f); FDA MM/HU guidance Q1, Q4, Q14",
            "Structural tissue (and cells isolated from it) must keep its original characteristics relating to reconstruction, repair or replacement; cells and nonstructural tissue must keep their relevant biological characteristics. Culture expansion and enzymatic digestion alter them. Without data showing a process is minimal, FDA considers it more than minimal.",
        );
        /// Criterion 2 of 21 CFR 1271.10(a): homologous use only.
        UsHomologousUse => "us.cfr1271.10.a.2", "homologous use", rule(
            "The HCT/P is intended for homologous use only: the same basic function(s) in the recipient as in the donor",
            "21 CFR 1271.10(a)(2) and 1271.3(c); FDA MM/HU guidance Q15-Q22",
            "Homologous use means the product performs the same basic function in the recipient as the source tissue did in the donor. Labelling, advertising and sellers' statements count. A product promoted as an unproven treatment for a myriad of diseases is likely not for homologous use only.",
        );
        /// Criterion 3 of 21 CFR 1271.10(a): no combination with another article.
        UsNoCombination => "us.cfr1271.10.a.3", "no combination with another article", rule(
            "Manufacture does not combine the cells with another article, except water, crystalloids or a sterilizing, preserving or storage agent",
            "21 CFR 1271.10(a)(3)",
            "Adding a scaffold, a drug, hyaluronic acid or fibrin glue makes a combination that section 361 does not cover. Water, saline and similar crystalloids, and sterilizing, preserving or storage agents such as DMSO are allowed if they raise no new clinical safety concern.",
        );
        /// Criterion 4 of 21 CFR 1271.10(a): systemic effect and metabolic activity.
        UsSystemicEffect => "us.cfr1271.10.a.4", "no systemic effect / not dependent on living cells, or autologous / related / reproductive", rule(
            "The HCT/P has no systemic effect and does not depend on living cells' metabolic activity; or, if it does, it is autologous, for a first- or second-degree blood relative, or reproductive",
            "21 CFR 1271.10(a)(4)(i)-(ii)",
            "Products that act on the whole body or work through the metabolic activity of living cells, as MSCs acting by secretion do, stay under section 361 only for autologous use, use in a first- or second-degree blood relative, or reproductive use.",
        );

        // ---- Quality and release (rules::quality) ----

        /// Viability at or above the policy minimum.
        QualityViabilityMinimum => "quality.viability.minimum", "viability minimum", rule(
            "Viability of the cells as given is reported and at or above the policy minimum",
            "Ph. Eur. 2.7.29; published MSC release specifications (>= 70 % to >= 90 %), e.g. J Transl Med 2018 s12967-018-1659-4",
            "Viability is the share of cells alive. Dead cells do nothing: 'if the cells are dead, you're just getting a very expensive shot of protein'. Release specifications for MSC products require at least 70 % (the low end) to 90 % viable cells.",
        );

        // ---- Clinic offer (rules::offer) ----
    }
}
