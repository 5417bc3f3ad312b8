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
            "Part 1271 only covers HCT/Ps. Minimally manipulated bone marrow for homologous use and not combined with another article, blood products such as platelet-rich plasma, secreted body fluids such as amniotic fluid, and cells from animals are not HCT/Ps; cells isolated from a secreted fluid are.",
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

        /// A cryopreserved product's viability is measured after thawing.
        QualityViabilityPostThaw => "quality.viability.post_thaw", "post-thaw viability", rule(
            "A cryopreserved product reports viability measured after thawing, the state in which the patient receives it",
            "Ph. Eur. 2.7.29; World J Clin Cases 2023;11(21):5083, Table 1 (separate specifications for the frozen and the infusion product)",
            "Freezing and thawing kill a share of the cells. A figure measured before freezing overstates what reaches the patient, so a cryopreserved product is judged on its post-thaw viability.",
        );
        /// The number of live nucleated cells per dose is disclosed and in the millions.
        QualityViableCellCount => "quality.cells.viable_count", "viable cell count", rule(
            "The number of viable nucleated cells per dose is disclosed and at least the policy minimum ('in the millions')",
            "Ph. Eur. 2.7.29 (nucleated cell count and viability); FDA-advised release tests: minimum and maximum cell number (World J Med Genet 2015;5(1):1-13, Table 3)",
            "The source texts: 'if a clinic can't tell you exactly how many live, nucleated cells they are injecting, walk out'; 'you generally want to see counts in the millions'. A dose is the count of living cells, not of cells in general.",
        );
        /// The dose per kilogram of body weight for systemic routes.
        QualityDosePerKg => "quality.dose.per_kg", "dose per kg", rule(
            "For a systemic route, the dose per kilogram of body weight is stated or can be computed from the cell count and the patient's weight",
            "RYONCIL (remestemcel-L-rknd) US label, 2024: 2 x 10^6 MSC/kg per IV infusion; TEMCELL HS Inj. label: 2 x 10^6 cells/kg",
            "Cells given into a vein spread through the whole body, so systemic doses are written per kilogram, as in the approved products' labels.",
        );
        /// The dose compared with the doses of approved products and trials (informational).
        QualityDoseReference => "quality.dose.reference", "dose compared with published doses", rule(
            "The dose is compared with the dose range of approved products and trials for the same route (for information)",
            "RYONCIL US label (2024); Ann Hematol 2023 s00277-023-05216-3; Jo 2014 Stem Cells 32(5):1254; Pers 2016 SCTM 5(7):847; Lee 2019 SCTM 8:504; Alofisel EU SmPC",
            "No regulation fixes an MSC dose. Approved products and trials give a sense of scale: a dose far outside them deserves a question, not a verdict.",
        );
        /// ISCT positive markers CD73, CD90, CD105.
        QualityIdentityPositiveMarkers => "quality.identity.positive_markers", "identity: positive markers", rule(
            "At least the policy share (ISCT: 95 %) of cells carry CD73, CD90 and CD105",
            "Dominici et al., Cytotherapy 2006;8(4):315-317 (ISCT minimal criteria), Table 1; 21 CFR 610.14 (identity)",
            "The ISCT minimal criteria define human MSCs partly by surface markers measured by flow cytometry: nearly all cells must carry CD73, CD90 and CD105.",
        );
        /// ISCT negative markers CD45, CD34, CD14 or CD11b, CD79a or CD19, HLA-DR.
        QualityIdentityNegativeMarkers => "quality.identity.negative_markers", "identity: negative markers", rule(
            "At most the policy share (ISCT: 2 %) of cells carry CD45, CD34, CD14 or CD11b, CD79a or CD19, and HLA-DR",
            "Dominici et al., Cytotherapy 2006;8(4):315-317 (ISCT minimal criteria), Table 1",
            "The negative markers exclude blood-forming, white-blood, monocyte, B and antigen-presenting cells. 'CD14 or CD11b' and 'CD79a or CD19' are alternatives: one marker of each pair must be measured; every marker measured is held to the limit.",
        );
        /// ISCT plastic adherence.
        QualityIdentityPlasticAdherence => "quality.identity.plastic_adherence", "identity: plastic adherence", rule(
            "When reported, the cells adhere to plastic in standard culture",
            "Dominici et al., Cytotherapy 2006;8(4):315-317 (ISCT minimal criteria)",
            "MSCs stick to the plastic of a culture flask; cells that do not are not MSCs by the ISCT definition.",
        );
        /// ISCT tri-lineage differentiation.
        QualityIdentityTrilineage => "quality.identity.trilineage", "identity: tri-lineage differentiation", rule(
            "When reported, the cells differentiate into osteoblasts, adipocytes and chondroblasts in vitro",
            "Dominici et al., Cytotherapy 2006;8(4):315-317 (ISCT minimal criteria)",
            "The third ISCT criterion: in a dish, MSCs can be made to become bone, fat and cartilage cells.",
        );
        /// Sterility release test.
        QualitySterility => "quality.safety.sterility", "sterility", rule(
            "A sterility test was done and found no growth",
            "21 CFR 610.12; USP <71>",
            "Bacteria or fungi in an injected cell product can cause sepsis or a joint infection. Each lot of a biological product is tested for sterility; a test still pending at release cannot show the product sterile.",
        );
        /// Mycoplasma release test.
        QualityMycoplasma => "quality.safety.mycoplasma", "mycoplasma", rule(
            "A cultured product was tested for mycoplasma and none was detected",
            "FDA-advised release tests for cultured cell products (World J Med Genet 2015;5(1):1-13, Table 3); published MSC release specifications (Stem Cell Rev Rep 2020;16(5):979, Table 1)",
            "Mycoplasma are tiny bacteria that contaminate cell cultures unseen and pass ordinary sterility tests; cultured products are tested for them before release.",
        );
        /// Bacterial endotoxin within the USP <85> limit K/M.
        QualityEndotoxin => "quality.safety.endotoxin", "endotoxin", rule(
            "Bacterial endotoxin in the product is at or below the limit K/M of USP <85> (and the product's own specification)",
            "USP <85> Bacterial Endotoxins Test: limit = K/M, K = 5 EU/kg (0.2 EU/kg intrathecal), M = maximum dose per kg in one hour; FDA Pyrogen and Endotoxins Testing Q&A (2012)",
            "Endotoxins are bacterial cell-wall fragments that cause fever and shock. USP <85> allows K endotoxin units per kilogram per hour; dividing by the volume given per kilogram in an hour (M) gives the limit in EU/mL. Into the spinal fluid the allowance is 25 times smaller.",
        );
        /// Passage number or population doublings within the product's limit.
        QualityExpansionLimit => "quality.expansion.limit", "expansion within limit", rule(
            "A culture-expanded product reports its passage number or population doublings, within the product's own limit",
            "Wagner et al., Aging 2010 (cellular ageing of MSCs); Schallmoser et al., Haematologica 2010; no consensus numeric limit exists (quality-and-codes 2.3)",
            "Cells grown for long in culture age: they divide more slowly, change how they differentiate and may become genetically unstable — they 'get tired and lose their potency'. There is no universal limit, so each product sets its own.",
        );
        /// Perinatal products: evidence that MSCs are present, not only live cells.
        QualityPerinatalMscEvidence => "quality.perinatal.msc_evidence", "perinatal product: MSC evidence", rule(
            "A perinatal (umbilical, amniotic, placental) product shows MSC identity or colony-forming (CFU-F) cells, not only viable cells",
            "Berger et al., Am J Sports Med 2021 (PMID 34398643): viable cells but no CFU-F in commercial umbilical-cord allografts; Panero et al., Am J Sports Med 2019: no MSCs in commercial amniotic fluid products",
            "Tests of commercial umbilical-cord and amniotic products found living cells but no colony-forming, MSC-like cells. Viable cells alone do not show that a product holds MSCs; identity markers or a CFU-F assay do.",
        );
        /// A certificate of analysis exists where one is required.
        QualityCertificatePresent => "quality.coa.present", "certificate of analysis", rule(
            "A product supplied from a donor lot, or manufactured away from the bedside, comes with a certificate of analysis for its lot",
            "Source text: 'if it's donor tissue from a bottle, ask for the Certificate of Analysis that proves cell viability'; 21 CFR 610.1-610.14 (lot release tests for biological products)",
            "A certificate of analysis lists, for one lot, each release test, its specification and its result. Without it nobody can show what is in the vial.",
        );
        /// The certificate holds the entries required for the product type.
        QualityCertificateEntries => "quality.coa.entries", "certificate entries", rule(
            "The release record holds every entry required for the product type (a same-day autologous concentrate needs fewer than an allogeneic expanded lot)",
            "21 CFR 610.12-610.14 (sterility, purity, identity); USP <85>; Ph. Eur. 2.7.29; Dominici et al. 2006",
            "A bedside concentrate of the patient's own cells is used within the hour: its record needs the live cell count and viability. A manufactured lot also needs its certificate header, sterility and endotoxin, and, when cultured, mycoplasma, identity and passage.",
        );

        // ---- Clinic offer (rules::offer) ----
    }
}
