//! Every rule of the crate, in one table.

use crate::table::vocab;

/// **What the crate knows about a rule**: one row of the [`RuleId`] table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
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
    /// # Ok::<(), msc_therapy::document::UnknownCode>(())
    /// ```
    ///
    /// # Every rule
    ///
    #[doc = include_str!("../docs/rules.md")]
    #[non_exhaustive]
    pub enum RuleId: RuleInfo {
        // ---- US: 21 CFR Part 1271 (rules::us) ----

        /// Is the product an HCT/P at all? (21 CFR 1271.3(d))
        UsIsHctp => "us.cfr1271.3.d", "is an HCT/P", rule(
            "The product consists of human cells or tissues for implantation, transplantation, infusion or transfer, and no exclusion of 1271.3(d) applies",
            "21 CFR 1271.3(d); FDA, Regulatory Considerations for HCT/Ps: Minimal Manipulation and Homologous Use (Nov 2017, rev. Jul 2020), section II footnote 4, section III.C Q15 (secreted body fluids) and footnote 18 (bone marrow), section V.A (platelet-rich plasma)",
            "Part 1271 only covers HCT/Ps. Minimally manipulated bone marrow for homologous use and not combined with another article, blood products such as platelet-rich plasma, secreted or extracted products such as cell factors (so cell-free exosome or conditioned-medium products), secreted body fluids such as amniotic fluid, and cells from animals are not HCT/Ps; cells isolated from a secreted fluid are. Not being an HCT/P takes a product out of Part 1271, not out of FDA's reach.",
        );
        /// The same-surgical-procedure exception (21 CFR 1271.15(b)).
        UsSameSurgicalProcedure => "us.cfr1271.15.b", "same surgical procedure exception", rule(
            "Autologous cells removed and implanted in the same surgical procedure, still 'such HCT/P' (only rinsing, cleansing, sizing or shaping in between), with the steps and added articles stated",
            "21 CFR 1271.15(b); FDA, Same Surgical Procedure Exception under 21 CFR 1271.15(b): Questions and Answers Regarding the Scope of the Exception (Nov 2017), on when the exception applies, what 'such HCT/P' means and which procedures are the same surgical procedure; FDA MM/HU guidance (2017, rev. 2020), section V.A and footnotes 27-28; United States v. US Stem Cell Clinic, LLC, 998 F.3d 1302 (11th Cir. 2021); United States v. California Stem Cell Treatment Center, Inc., No. 22-56014 (9th Cir. 27 Sep 2024), certiorari denied, No. 24-1189 (14 Oct 2025)",
            "An establishment that removes HCT/Ps from a patient and implants them into the same patient during the same surgical procedure need not follow Part 1271 at all. The exception is narrow: the HCT/P implanted must be 'such HCT/P', the one removed. FDA's guidance keeps only rinsing, cleansing, sizing and shaping within it; the Eleventh Circuit (2021) and the Ninth Circuit (2024, 'the removed and implanted HCT/Ps must be the same'; certiorari denied 2025) held that isolating a stromal vascular fraction from fat takes a procedure out of it, and the crate reads culture expansion, genetic modification and activation the same way. For other steps, such as concentrating bone marrow in a centrifuge, no source the crate cites settles the question: the finding is undetermined and cites both decisions. A second visit weeks later also takes a product out of it.",
        );
        /// Criterion 1 of 21 CFR 1271.10(a): minimal manipulation.
        UsMinimalManipulation => "us.cfr1271.10.a.1", "minimal manipulation", rule(
            "The HCT/P is minimally manipulated (1271.3(f)), judged on the tissue as it existed in the donor",
            "21 CFR 1271.10(a)(1) and 1271.3(f); FDA, Regulatory Considerations for HCT/Ps: Minimal Manipulation and Homologous Use (Nov 2017, rev. Jul 2020), section III, Q1-Q16 and Examples 10-1 to 16-1",
            "Structural tissue (and cells isolated from it) must keep its original characteristics relating to reconstruction, repair or replacement; cells and nonstructural tissue must keep their relevant biological characteristics. The same step can differ by tissue: removing the cells from amnion is minimal (Example 11-2), from fat it is not (Example 11-1). Culture expansion and isolating cells from fat alter them. Without data showing a process is minimal, FDA considers it more than minimal; data cannot rescue a step FDA's guidance itself calls more than minimal.",
        );
        /// Criterion 2 of 21 CFR 1271.10(a): homologous use only.
        UsHomologousUse => "us.cfr1271.10.a.2", "homologous use", rule(
            "The HCT/P is intended for homologous use only: the same basic function(s) in the recipient as in the donor",
            "21 CFR 1271.10(a)(2) and 1271.3(c); FDA, Regulatory Considerations for HCT/Ps: Minimal Manipulation and Homologous Use (Nov 2017, rev. Jul 2020), section IV, Q17-Q22 (a myriad of diseases: Q17, after Example 17-2; use at another anatomic location: Q20)",
            "Homologous use means the product performs the same basic function in the recipient as the source tissue did in the donor, judged at the site where it is used and on what its indications require: fat under the skin of the face cushions (Example 19-6(a)), blood-forming cells (HPCs from mobilized peripheral blood) infused to rebuild blood formation do what they did in the donor (19-1(a)), but marrow for a heart attack (19-1(b)) or amnion for wound healing (19-4(b)) is not homologous. Labelling, advertising and sellers' statements count. A product promoted as an unproven treatment for a myriad of diseases is likely not for homologous use only.",
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
            "21 CFR 1271.10(a)(4)(i)-(ii); FDA MM/HU guidance (2017, rev. 2020), section II",
            "Products that act on the whole body or work through the metabolic activity of living cells, as MSCs acting by secretion do, stay under section 361 only for autologous use, use in a first- or second-degree blood relative, or reproductive use.",
        );
        /// An authority's determination on this product, recorded as a fact (US).
        UsDetermination => "us.determination", "an authority's determination (US)", rule(
            "A determination by FDA or a court recorded for this product (product.determinations) settles the criterion it names, or with this rule id the US classification as a whole, from the day it is dated, unless the stated facts contradict it",
            "21 CFR 1271.10(a), 1271.15(b), 1271.20; the determination's own document (an FDA warning or untitled letter, a court's decision), cited in the finding's facts, e.g. United States v. US Stem Cell Clinic, LLC, 998 F.3d 1302 (11th Cir. 2021)",
            "FDA's letters and the courts' decisions conclude on facts a record often cannot hold: a warning letter redacts the processing steps and still finds that processing alters the original relevant characteristics of the tissue. A determination recorded with the product settles the criterion (or the classification) it names, and the finding then rests on the document's kind (an agency statement, a court decision) and cites it. A determination dated after the evaluation date did not exist on that day and is not used; one the stated facts contradict is reported, and the less favourable answer is kept. The crate does not check that the document is about the product described: the record states it.",
        );

        // ---- Quality and release (rules::quality) ----

        /// Viability at or above the policy minimum.
        QualityViabilityMinimum => "quality.viability.minimum", "viability minimum", rule(
            "Viability of the cells as given is reported and at or above the policy minimum",
            "FDA (CBER), release testing of cell products: \"Viability: generally > 70 %\", as reported in Noh et al., World J Med Genet 2015;5(1):1-13, Table 3; published MSC release specifications (>= 70 % to >= 90 %), e.g. J Transl Med 2018 s12967-018-1659-4. (Ph. Eur. 2.7.29, Nucleated cell count and viability, is the method chapter and sets no minimum.)",
            "Viability is the share of cells alive. Dead cells do nothing: 'if the cells are dead, you're just getting a very expensive shot of protein'. FDA's advice for cell products is generally more than 70 % viable cells; release specifications for MSC products ask 70 % (the low end) to 90 %.",
        );

        /// A cryopreserved product's viability is measured after thawing.
        QualityViabilityPostThaw => "quality.viability.post_thaw", "post-thaw viability", rule(
            "A cryopreserved product reports viability measured after thawing, the state in which the patient receives it",
            "Ph. Eur. 2.7.29; World J Clin Cases 2023;11(21):5083, Table 1 (separate specifications for the frozen and the infusion product)",
            "Freezing and thawing kill a share of the cells. A figure measured before freezing overstates what reaches the patient, so a cryopreserved product is judged on its post-thaw viability. A figure whose timing is not stated never counts as post-thaw, and counts against the product wherever it could describe what the patient receives.",
        );
        /// The number of live nucleated cells per dose is disclosed and in the millions.
        QualityViableCellCount => "quality.cells.viable_count", "viable cell count", rule(
            "The number of viable nucleated cells per dose is disclosed and at least the policy minimum ('in the millions')",
            "Ph. Eur. 2.7.29 (nucleated cell count and viability); FDA-advised release tests: minimum and maximum cell number (World J Med Genet 2015;5(1):1-13, Table 3)",
            "The second source text ('Mesenchymal Stem Cells: What Science Is Actually Getting Right (and Wrong)') tells patients to walk out of a clinic that cannot say how many live, nucleated cells it injects, and to expect counts in the millions. A dose is the count of living cells, not of cells in general.",
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
            "21 CFR 610.12 (sterility, each lot); USP <71> Sterility Tests; Ph. Eur. 2.6.1 (Sterility) and 2.6.27 (Microbiological examination of cell-based preparations)",
            "Bacteria or fungi in an injected cell product can cause sepsis or a joint infection. Each lot of a biological product is tested for sterility; a test still pending at release cannot show the product sterile, and a lot whose test was not performed is not released. A same-day autologous bedside preparation is no released lot: a result not shown is a warning saying so, and a positive culture still fails it.",
        );
        /// Mycoplasma release test.
        QualityMycoplasma => "quality.safety.mycoplasma", "mycoplasma", rule(
            "A cultured product was tested for mycoplasma and none was detected",
            "USP <63> Mycoplasma Tests; Ph. Eur. 2.6.7 (Mycoplasmas); 21 CFR 610.30 (test for mycoplasma); FDA-advised release tests for cultured cell products (Noh et al., World J Med Genet 2015;5(1):1-13, Table 3); published MSC release specifications (Stem Cell Rev Rep 2020;16(5):979, Table 1)",
            "Mycoplasma are tiny bacteria that contaminate cell cultures unseen and pass ordinary sterility tests; cultured products are tested for them before release.",
        );
        /// Bacterial endotoxin within the USP <85> limit K/M.
        QualityEndotoxin => "quality.safety.endotoxin", "endotoxin", rule(
            "Bacterial endotoxin in the product is at or below the limit K/M of USP <85>, the default, or the product's own specification where it states a stricter one",
            "USP <85> Bacterial Endotoxins Test: limit = K/M, K = 5 EU/kg (0.2 EU/kg intrathecal), M = maximum dose per kg in one hour; FDA Pyrogen and Endotoxins Testing Q&A (2012)",
            "Endotoxins are bacterial cell-wall fragments that cause fever and shock. USP <85> allows K endotoxin units per kilogram per hour; dividing by the volume given per kilogram in an hour (M) gives the limit in EU/mL. Into the spinal fluid the allowance is 25 times smaller. K/M applies when the product states no specification of its own; a stated, stricter specification tightens it; the finding names the limit used (limit.source: usp_85 or product_specification).",
        );
        /// Passage number or population doublings within the product's limit.
        QualityExpansionLimit => "quality.expansion.limit", "expansion within limit", rule(
            "A culture-expanded product reports its passage number or population doublings, within the product's own limit",
            "Wagner W et al., 'How to track cellular aging of mesenchymal stromal cells?', Aging (Albany NY) 2010; Schallmoser K et al., Haematologica 2010 (PMC2878782); no consensus numeric limit exists, so the product's own specification applies",
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
            "'Mesenchymal Stem Cells: What Science Is Actually Getting Right (and Wrong)', Actionable Steps: Verify the Source (a Certificate of Analysis for donor tissue); 21 CFR 610.1-610.14 (lot release tests for biological products)",
            "A certificate of analysis lists, for one lot, each release test, its specification and its result. Without it nobody can show what is in the vial.",
        );
        /// The certificate of analysis is consistent: dates in order, the product's lot, not expired.
        QualityCertificateConsistent => "quality.coa.consistent", "certificate of analysis consistent", rule(
            "The certificate of analysis is for the product's lot, expires after it was issued, and (on the evaluation date the caller gives) has not expired; a record stating that no certificate was issued is reported as such",
            "21 CFR 610.1-610.14 (lot release of biological products); 21 CFR 610.53 (dating periods); \"Mesenchymal Stem Cells: What Science Is Actually Getting Right (and Wrong)\", 'Verify the Source'",
            "A certificate of analysis vouches for one lot up to its expiry date. A certificate for another lot says nothing about the vial in hand; one that expires before it was issued is not a real certificate; an expired lot is past its dating period.",
        );
        /// The certificate holds the entries required for the product type.
        QualityCertificateEntries => "quality.coa.entries", "certificate entries", rule(
            "The release record holds every entry required for the product type (a same-day autologous concentrate needs fewer than an allogeneic expanded lot)",
            "21 CFR 610.12-610.14 (sterility, purity, identity); USP <85>; Ph. Eur. 2.7.29; Dominici et al. 2006",
            "A bedside concentrate of the patient's own cells is used within the hour: its record needs the live cell count and viability. A manufactured lot also needs its certificate header, sterility and endotoxin, and, when cultured, mycoplasma, identity and passage.",
        );

        // ---- Manufacturing and release compliance (rules::quality) ----

        /// A donor-eligibility determination was made for the donor of a lot from another person's cells.
        QualityDonorEligibility => "quality.cgtp.donor_eligibility", "donor eligibility determined", rule(
            "For cells or tissue from anyone but the patient, a donor-eligibility determination based on donor screening and testing was made and found the donor eligible before the lot was made available for distribution",
            "21 CFR 1271.45(b), 1271.50(a), 1271.60(a)-(c) and 1271.265(c)(2) (in force from 25 May 2005); exception for autologous use, 21 CFR 1271.90(a)(1); FDA Warning Letter to Genetech, Inc., OBPO 19-03 (29 Nov 2018)",
            "Cells from a donor can carry HIV, hepatitis B and C, syphilis and other infections. Before a lot made from another person's cells may be distributed, a responsible person must determine, from the donor's screening and test results, that the donor is eligible; until then the lot stays in quarantine. FDA's 2018 letter to Genetech, whose umbilical cord blood products were linked to bacterial infections in patients, found that 'neither you, Liveyon, nor your suppliers have determined donor eligibility'. A lot record that does not say the determination was made gets a warning asking for it (a certificate rarely states it; the summary of records that accompanies the lot does, 21 CFR 1271.55); the patient's own cells need none.",
        );
        /// The aseptic process the lot was made by is validated.
        QualityAsepticValidation => "quality.cgmp.aseptic_validation", "aseptic process validated", rule(
            "The aseptic process the lot was made by is validated, by process simulations (media fills) that follow the commercial process",
            "21 CFR 211.113(b); 21 CFR 1271.230(a) (HCT/Ps); FDA, Guidance for Industry: Sterile Drug Products Produced by Aseptic Processing — Current Good Manufacturing Practice (September 2004); FDA Warning Letters to StemGenex Biologic Laboratories, OBPO 19-02 (31 Oct 2018), and Pinnacle Transplant Technologies, CBER 24-646783 (1 Oct 2024)",
            "Living cells cannot be sterilised at the end of manufacture, so a lot is only as sterile as the aseptic process that made it; a sterility test samples a few units and cannot show the rest sterile. Manufacturers must validate that process by simulating it with growth medium. FDA cited StemGenex for performing no media fills for its SVF product and Pinnacle for media fills that did not follow the commercial process. A stated unvalidated process fails the lot; whether it was validated is the establishment's fact, not a result of the lot, so an absent statement is listed as missing without moving the verdict.",
        );
        /// No research-grade or non-sterile reagent went into the lot.
        QualityReagentGrade => "quality.cgmp.reagents", "no research-grade or non-sterile reagents", rule(
            "No reagent or component that went into the lot was research-grade ('for research use only') or non-sterile where it must be sterile",
            "21 CFR 211.84(d) (testing of components); 21 CFR 1271.210(a)-(b) (supplies and reagents verified to meet specifications; reagents sterile where appropriate); FDA Warning Letter to Genetech, Inc., OBPO 19-03 (29 Nov 2018)",
            "What goes into a lot ends up in the patient. Reagents labelled 'for research use only' are not made or tested for human use, and a non-sterile one can contaminate a product that must be sterile. FDA found that Genetech 'added non-sterile' reagents labelled 'For research use only' to batches of its cord blood products. A stated research-grade or non-sterile reagent fails the lot; the grade of reagents does not appear in a release record, so an absent statement is listed as missing without moving the verdict.",
        );
        /// Positive sterility results were thoroughly investigated.
        QualitySterilityInvestigation => "quality.cgmp.sterility_investigation", "sterility failures investigated", rule(
            "Every positive sterility result of the product's lots was thoroughly investigated, its cause sought and the other lots it may touch evaluated",
            "21 CFR 211.192 (production record review; investigation of any unexplained discrepancy or failure of a batch to meet its specifications); FDA Warning Letters to Kimera Labs, Inc., 23-649343 (1 Sep 2023), and Pinnacle Transplant Technologies, CBER 24-646783 (1 Oct 2024)",
            "A positive sterility test is a sign that the process can let microorganisms in. Manufacturers must investigate it, find the cause and check the other lots it may affect, whether or not the lot was already distributed. FDA found that Kimera Labs 'failed to document an investigation into the positive sterility result' of a lot of its exosome product, all of whose vials had been distributed, and that Pinnacle did not investigate the cause of eight sterility failures. A stated failure to investigate fails the lot; an absent statement is listed as missing without moving the verdict.",
        );
        /// The expiry date is supported by stability data.
        QualityExpiryDating => "quality.cgmp.expiry_dating", "expiry dating supported by stability data", rule(
            "The lot's expiry date, and any extension of it, rests on stability data from a written stability programme",
            "21 CFR 211.137(a) and 211.166(a); 21 CFR 1271.260(c) (HCT/Ps); FDA Compliance Policy Guide Sec. 480.300, Lack of Expiration Date of Stability Data (CPG 7132a.10)",
            "An expiry date promises that the lot still meets its specification, living cells included, until that day. It must be set from stability testing under the storage conditions; setting or extending it without such data leaves the promise unsupported, and FDA's compliance policy guide authorises a warning letter for a prescription drug whose stability studies do not exist. A stated unsupported expiry date fails the lot; an absent statement is listed as missing without moving the verdict.",
        );
        /// The lot was not distributed before its release results were in.
        QualityReleaseBeforeResults => "quality.release.before_results", "not distributed before release results", rule(
            "The lot was shipped or made available for distribution only after its release results were in and met specification",
            "21 CFR 211.165(a) (testing and release for distribution); 21 CFR 610.1 (no lot released before the completion of tests); 21 CFR 1271.265(c)(1)-(2) (HCT/Ps); FDA Warning Letter to Musculoskeletal Transplant Foundation, 13-NWJ-07 (11 Apr 2013); FDA Warning Letter to Kimera Labs, Inc., 23-649343 (1 Sep 2023)",
            "Release testing protects the patient only if the lot waits for it. A lot shipped before its sterility or other results are in, or despite one that failed, reaches patients unproven. FDA's letter to the Musculoskeletal Transplant Foundation cites the rule that an HCT/P must not be made available for distribution while it does not meet its release criteria, and its letter to Kimera Labs records that every vial of a lot with a positive sterility result had been distributed. A stated early or unproven release fails the lot; an absent statement is listed as missing without moving the verdict (the release results the record gives are judged by their own rules).",
        );

        // ---- Clinic offer (rules::offer) ----

        /// The clinic discloses the live, nucleated cell count it injects.
        OfferLiveCellCount => "offer.checklist.live_cell_count", "live cell count disclosed", rule(
            "The clinic states how many live, nucleated cells it will inject, and the count is in the millions",
            "\"Mesenchymal Stem Cells: What Science Is Actually Getting Right (and Wrong)\", 'Actionable Steps: Ask for the Cell Count'",
            "A clinic that cannot say exactly how many live, nucleated cells it injects should be walked out on. A 'whiff' of cells is not enough to trigger a biological response; counts are expected in the millions.",
        );
        /// The clinic discloses the source of the cells.
        OfferSourceDisclosed => "offer.checklist.source", "source disclosed", rule(
            "The clinic says which tissue the cells come from and whether they are the patient's own (autologous) or a donor's (allogeneic)",
            "\"Mesenchymal Stem Cells: What Science Is Actually Getting Right (and Wrong)\", 'Actionable Steps: Verify the Source'; \"Mesenchymal Stem Cells (MSC)\" overview, FAQ 'How are MSCs obtained for treatment?'",
            "Source and preparation change what the cells can do, and donor cells need proof that they are alive. A patient should know where the cells come from before agreeing.",
        );
        /// Donor cells come with a certificate of analysis.
        OfferCertificateOfAnalysis => "offer.checklist.certificate_of_analysis", "certificate of analysis for donor cells", rule(
            "For donor (allogeneic) cells, the clinic shows the lot's certificate of analysis proving cell viability",
            "\"Mesenchymal Stem Cells: What Science Is Actually Getting Right (and Wrong)\", 'Actionable Steps: Verify the Source'",
            "Donor cells from a bottle should come with a certificate of analysis that proves the cells are alive. If the cells are dead, the patient is 'just getting a very expensive shot of protein'.",
        );
        /// Orthopaedic injections are image-guided.
        OfferImageGuidance => "offer.checklist.image_guidance", "image guidance for orthopaedic injections", rule(
            "An injection into a joint, disc, tendon or bone is guided by ultrasound or fluoroscopy (X-ray)",
            "\"Mesenchymal Stem Cells: What Science Is Actually Getting Right (and Wrong)\", 'Actionable Steps: Check the Imaging'",
            "Orthopaedic injections should almost always be image-guided. A 'blind' injection has a high chance of putting the cells into the wrong tissue, which makes the treatment useless.",
        );
        /// A completed, positive Phase II or III trial exists for the condition.
        OfferTrialEvidence => "offer.evidence.phase2_3_positive", "Phase II/III evidence for the condition", rule(
            "At least one completed Phase 2 or Phase 3 trial with a positive result is cited for the patient's condition",
            "\"Mesenchymal Stem Cells: What Science Is Actually Getting Right (and Wrong)\", 'Actionable Steps: Look Up the Research'; \"Mesenchymal Stem Cells (MSC)\" overview, 'What the Evidence Says'; ClinicalTrials.gov API v2 phases and overallStatus",
            "Patients should look up their condition on ClinicalTrials.gov and see what phase the research is in. Without a successful Phase II or III trial for the condition, a patient is essentially an n=1 experiment; many MSC studies are small or early-phase.",
        );
        /// The patient has tried the standard treatments.
        OfferCandidate => "offer.patient.standard_treatments_tried", "standard treatments tried first", rule(
            "The patient has tried the standard treatments for the condition without enough benefit",
            "\"Mesenchymal Stem Cells (MSC)\" overview, FAQ 'Who is a good candidate for MSC therapy?' and 'Clinical Context'",
            "Candidates are usually people with degenerative or inflammatory conditions who have not fully responded to standard treatments, selected after a physician's evaluation. MSC treatment is an adjunct, not a first choice.",
        );
        /// A physician supervises the treatment.
        OfferPhysicianSupervision => "offer.setting.physician_supervision", "physician supervision", rule(
            "A physician evaluates the patient and supervises the treatment",
            "\"Mesenchymal Stem Cells (MSC)\" overview, 'Clinical Context' and FAQ 'Are MSC therapies safe?'",
            "Because MSC treatments involve live cells and complex biology, they must be performed under physician supervision; the favourable safety record comes from qualified providers in regulated settings.",
        );
        /// The treatment is given in a regulated setting.
        OfferRegulatedSetting => "offer.setting.regulated", "regulated setting", rule(
            "The treatment is given in a regulated setting: an approved product, a trial under an IND or equivalent, or a licensed facility within its regulator's rules",
            "\"Mesenchymal Stem Cells (MSC)\" overview, 'Clinical Context'; FDA Q&A on HCT/Ps (July 2021): products regulated as drugs need a BLA or an IND",
            "MSC treatments must be performed in regulated settings to ensure safety and quality. Outside one, nobody checks what is in the syringe.",
        );
        /// The treatment is part of a registered trial.
        OfferRegisteredTrial => "offer.setting.registered_trial", "given within a registered trial", rule(
            "The treatment is given within a trial registered on ClinicalTrials.gov",
            "\"Mesenchymal Stem Cells: What Science Is Actually Getting Right (and Wrong)\", 'Actionable Steps: Look Up the Research'; \"Mesenchymal Stem Cells (MSC)\" overview, 'What the Evidence Says'",
            "MSC therapies are mostly experimental. Receiving one within a registered trial means a protocol, oversight and results that add to what is known, instead of an unrecorded n=1 experiment.",
        );
        /// Claim: "cures".
        OfferClaimCure => "offer.claim.cures", "claim: cures", rule(
            "The clinic does not claim that MSCs cure the condition",
            "\"Mesenchymal Stem Cells: What Science Is Actually Getting Right (and Wrong)\", 'The Real-World Impact on Joints and Pain' and 'Manage Your Expectations'",
            "MSCs reduce inflammation and pain for a time; they are not a cure ('Is it a cure? No.') and not a time machine. A promise of a cure misrepresents the treatment.",
        );
        /// Claim: the cells turn into new tissue.
        OfferClaimNewTissue => "offer.claim.becomes_new_tissue", "claim: cells become new tissue", rule(
            "The clinic does not claim that injected cells turn into new cartilage, organs or other tissue",
            "\"Mesenchymal Stem Cells: What Science Is Actually Getting Right (and Wrong)\", opening and 'The Secret Sauce is the Secretome'; \"Mesenchymal Stem Cells (MSC)\" overview, 'How It Works'; Caplan AI, Stem Cells Transl Med 2017;6(6):1445-1451",
            "MSCs act as signalling cells and mostly vanish after injection; that they become new tissue is a myth from the late 1990s. A clinic that says so has the biology backwards and may oversell the result.",
        );
        /// Claim: treats a myriad of unrelated conditions.
        OfferManyConditions => "offer.claim.many_conditions", "unproven claims for many diseases", rule(
            "The offer does not promote the product for conditions from many unrelated families (the 'myriad of diseases' pattern)",
            "\"Mesenchymal Stem Cells: What Science Is Actually Getting Right (and Wrong)\", 'Why the FDA Is Cracking Down'; FDA MM/HU guidance (2017, rev. 2020), homologous use: 'an unproven treatment for a myriad of diseases or conditions'",
            "Clinics that promise to treat everything from autism to Alzheimer's sell unproven products; FDA reads such promotion as a sign a product is not for homologous use. Counted by families of conditions (orthopaedic, neurological, …) so that related joint problems do not trigger it.",
        );
        /// Claim: FDA-approved.
        OfferClaimFdaApproved => "offer.claim.fda_approved", "claim: FDA-approved", rule(
            "A claim of FDA approval matches an FDA-approved MSC product for the condition named, given to a patient its approval covers",
            "FDA approval of Ryoncil (remestemcel-L-rknd), 18 Dec 2024; FDA, Important Patient and Consumer Information About Regenerative Medicine Therapies (2021); the crate's catalog of approved products",
            "Ryoncil, for steroid-refractory acute GvHD in children, is the only FDA-approved MSC product. Any other claim of FDA approval, for knee osteoarthritis for example, is false.",
        );
        /// Claim: contains live stem cells.
        OfferClaimLiveStemCells => "offer.claim.contains_live_stem_cells", "claim: live stem cells in a birth-tissue product", rule(
            "A claim of live stem cells in an off-the-shelf birth-tissue product is backed by a test showing colony-forming (MSC-like) cells",
            "\"Mesenchymal Stem Cells: What Science Is Actually Getting Right (and Wrong)\", 'Why the FDA Is Cracking Down'; Berger DR et al., Am J Sports Med 2021 (PMID 34398643); Panero AJ et al., Am J Sports Med 2019",
            "Many off-the-shelf amniotic and umbilical products, once processed and frozen, contain no living MSCs; published tests of commercial umbilical-cord products found no colony-forming cells at all. Without a test, this is a dead-cell product sold as stem cells.",
        );
        /// Claim: no rejection of donor cells.
        OfferClaimNoRejection => "offer.claim.no_rejection", "claim: no rejection", rule(
            "A claim of 'no rejection' is not made as a guarantee for donor cells",
            "\"Mesenchymal Stem Cells: What Science Is Actually Getting Right (and Wrong)\", 'The Future: Off-the-Shelf Healing'",
            "MSCs lack most of the markers that trigger rejection, so donor cells can theoretically be given without anti-rejection drugs. Low immunogenicity is real, but not a guarantee: ask what reactions have been seen.",
        );
        /// The product's release data, as judged by the quality engine.
        OfferReleaseQuality => "offer.quality.release", "release quality", rule(
            "The product's release data meet every blocking quality requirement (the quality engine's verdict)",
            "The crate's quality rules (quality.*): 21 CFR 610.12, USP <71>/<63>/<85>, Ph. Eur. 2.6.1/2.6.7/2.6.27, FDA's viability expectation (> 70 %), ISCT minimal criteria (Dominici et al. 2006), Berger et al. 2021; \"Mesenchymal Stem Cells: What Science Is Actually Getting Right (and Wrong)\", 'Verify the Source'",
            "A product whose own release data fail a blocking requirement (too few living cells, contamination, no MSC-like cells in a perinatal product) must not be used as described: a patient should walk away. Incomplete data leave the question open.",
        );
        /// The product's US pathway, from the US classification.
        OfferUsPathway => "offer.us.pathway", "US pathway to the patient", rule(
            "A product that US law treats as a drug or biological product (section 351) is offered within a registered trial (under an IND) or is approved",
            "21 CFR 1271.20; PHS Act section 351; 21 CFR Part 312, including 312.2(d) (the IND rules do not apply to the practice of medicine for an unlabeled indication of a licensed biological product); FDA Q&A on HCT/Ps regulated as drugs (July 2021): a BLA or an IND must be in effect; FDA, Public Safety Notification on Exosome Products (Dec 2019); FDA MM/HU guidance (2017, rev. 2020), section V.A (platelet-rich plasma is a blood product)",
            "If cells are manipulated too much (grown in a laboratory, for example) or used for something their tissue does not do, US law treats them as a drug that needs years of trials. Until it is approved, it may only be given to patients within a trial under an IND. A licensed product may be prescribed outside its label (the practice of medicine, 21 CFR 312.2(d)); that use is not covered by the label's evidence, which is a question to ask, not a red flag. A product that is not an HCT/P at all (exosomes, conditioned medium, platelet-rich plasma) is outside Part 1271 but not outside FDA law: FDA regulates exosome products as drugs and biological products and has approved none (Dec 2019), and PRP is a blood product, so which FDA law applies is a question to ask. State law does not change this: Florida's Ch. 2025-185 (CS/CS/SB 1768, in force 1 July 2025) lets Florida physicians use stem-cell therapies FDA has not approved in orthopaedics, wound care and pain management, with notice and consent, but it does not pre-empt federal law, so a clinic's 'it is legal here' does not answer the federal question.",
        );
        /// The authorised product the offer names matches the catalog entry.
        OfferProductIdentity => "offer.catalog.product_identity", "named authorised product matches the catalog", rule(
            "The authorised product an offer names (by catalog key or authorisation number) matches the catalog entry: tissue, donor, preparation, route, indication, the patients the label covers (age; an earlier treatment that failed), jurisdiction and status",
            "The crate's catalog of approved MSC products (each entry cited to its label or regulator); FDA, Important Patient and Consumer Information About Regenerative Medicine Therapies (2021); 21 CFR 201.57(c)(9)(iv) (paediatric population of US labeling: birth to 16 years)",
            "An approval covers one product, made from one tissue, for one use, for the patients its label names, in one jurisdiction. A clinic that names an approved product but offers cells from another tissue or donor, by another route, for another condition or in another country is not giving that product: the approval it claims does not cover what it sells. Given to a patient outside the label (an adult, when the label is for children; a first treatment, when it is for disease that resisted steroids), it is used off label: the approval does not cover that use either.",
        );
        /// Where the treatment is given.
        OfferJurisdiction => "offer.jurisdiction", "where the treatment is given", rule(
            "The offer states the country (or union) where the treatment is given, so that the law that applies can be read",
            "21 CFR Part 1271; Regulation (EC) No 1394/2007; PMD Act and Act on the Safety of Regenerative Medicine (Act No. 85 of 2013)",
            "Which approval, trial or licence a treatment needs depends on where it is given: US, EU and Japanese law classify the same cells differently. Without the place, the pathway is an open question; the crate does not assume the United States.",
        );
        /// The EU pathway, from the EU classification.
        OfferEuPathway => "offer.eu.pathway", "EU pathway to the patient", rule(
            "An ATMP given in the EU holds a marketing authorisation, is given in an authorised clinical trial, or under a hospital exemption",
            "Regulation (EC) No 1394/2007 Art 2, Art 28(2) (hospital exemption, inserting Art 3(7) into Directive 2001/83/EC); Directive 2001/83/EC Art 6(1); Regulation (EU) No 536/2014 (clinical trials); national implementations of the hospital exemption, e.g. Germany's § 4b AMG and Spain's Real Decreto 477/2014 (13 Jun 2014)",
            "In the EU, engineered cells (for example grown in culture) are advanced therapy medicinal products. They reach patients with a marketing authorisation, within an authorised trial, or, for a custom product made on a non-routine basis in a hospital for one patient, under a hospital exemption the Member State authorises (Spain's AEMPS, for instance, authorised the hospital use of NC1, autologous bone-marrow MSCs made at Hospital Universitario Puerta de Hierro for spinal cord injury). A hospital exemption the offer names settles the route, not the efficacy: it is not an EU-wide assessment. An offer stating that it has none leaves compassionate use and named-patient supply, which are national decisions, so the crate asks rather than decides.",
        );
        /// The Japanese pathway, from the Japanese classification.
        OfferJpPathway => "offer.jp.pathway", "Japanese pathway to the patient", rule(
            "In Japan, cells are given as an approved regenerative medical product (PMD Act) or under a provision plan for regenerative medicine reviewed by a certified committee (ASRM)",
            "PMD Act (Act No. 145 of 1960 as amended by Act No. 84 of 2013); Act on the Safety of Regenerative Medicine (Act No. 85 of 2013) Arts 4 and 7-10; MHLW Health Policy Bureau R&D Division notice 医政研発0908第1号 (8 Sep 2017) on cord-blood treatments given without the Act's procedures; MHLW emergency order to Otemachi Clinic, Matsuyama (8 May 2017)",
            "Japan has two tracks: commercial products need PMD Act approval (full, or conditional and time-limited); the same cells used in clinical research or private practice need a provision plan reviewed by a certified committee and submitted to MHLW, whatever the ASRM risk class. Giving them without a submitted plan is what MHLW stopped in 2017, when clinics gave other people's umbilical cord blood (a Class I technology) for anti-ageing and other uses without one. A submitted plan shows the review the Act requires, not that the treatment works or is safe: the committee reviews the plan against the provision standards; it does not approve a product.",
        );
        /// The pathway in a jurisdiction the crate has no engine for.
        OfferNationalPathway => "offer.national.pathway", "national pathway to the patient", rule(
            "Where the crate has no classification engine, the treatment is given with an authorisation the catalog confirms, or the clinic names its national authorisation or trial",
            "The crate's catalog of approved MSC products; \"Mesenchymal Stem Cells (MSC)\" overview, 'Clinical Context'",
            "Outside the US, the EU and Japan the crate cannot classify a product. An approved product used as approved is a good sign; otherwise the patient should ask which national authorisation, licence or registered trial covers the treatment. A national authorisation the clinic names is recorded and shown, but the crate cannot check it: the patient should confirm it with the authority.",
        );
        /// The dose compared with the label doses for the same route and condition.
        OfferDoseReference => "offer.dose.reference", "dose compared with label doses", rule(
            "The dose is not far below every label dose for its route and condition (a policy factor, by default 10 times below)",
            "Label doses of the catalog's products (RYONCIL US label 2024; TEMCELL; STEMIRAC; Cupistem; Alofisel EU SmPC; Stempeucel; StemOne; Hearticellgram-AMI; NeuroNata-R; Obnitix); \"Mesenchymal Stem Cells: What Science Is Actually Getting Right (and Wrong)\", 'Ask for the Cell Count'",
            "A 'whiff' of cells is not enough to trigger a biological response. Approved products give a sense of scale for each route and condition: a dose ten times smaller than every one of them deserves an answer before the patient agrees. Bedside concentrates have no label dose of their own kind, so they are not compared.",
        );
        /// Is any MSC product approved anywhere for the condition?
        OfferApprovedAnywhere => "offer.catalog.approved_anywhere", "approved product for the condition", rule(
            "Some MSC product holds a marketing authorisation, somewhere, for the patient's condition",
            "The crate's catalog of approved MSC products (reference list of approvals, each entry cited)",
            "For most conditions no MSC product is approved anywhere, and every offer is experimental. Where one is approved, it is approved for a narrow indication in one jurisdiction; a clinic's product is not that product unless it says so.",
        );
        /// An independent test of the product's content against what the clinic states.
        OfferContentTest => "offer.content.independent_test", "independent test of the product's content", rule(
            "No test of the product by someone other than the clinic contradicts what the clinic says it holds: MSC-like cells were not looked for in vain, no microbes were found, and the live cells counted reach a million and at least a policy share (by default half) of the count the clinic states",
            "Panero AJ et al., 'Are Amniotic Fluid Products Stem Cell Therapies?', Am J Sports Med 2019; Berger DR et al., 'Colony Forming Potential and Protein Composition of Commercial Umbilical Cord Allograft Products', 2021 (PMID 34398643); CDC, 'Notes from the Field: Bacterial Infections Associated with Umbilical Cord Blood-Derived Stem Cell Products — Texas, Florida, and Arizona, 2018', MMWR 2018;67(50):1397-1399; \"Mesenchymal Stem Cells: What Science Is Actually Getting Right (and Wrong)\", 'Why the FDA Is Cracking Down' and 'Ask for the Cell Count'",
            "What a clinic says its vial holds is a claim; a measurement of the product by someone else is evidence, and where they disagree the measurement wins. Independent tests of commercial amniotic and umbilical products found no MSCs in products sold as stem cells, and CDC found bacteria in unopened vials of a cord-blood product after patients fell ill. A test can only count against the offer: one sample found sound does not show the lot a patient would get (that is the certificate of analysis). The share of the stated count a measurement must reach (half, by default) is the crate's reading: counts by different laboratories and methods differ, by tens of percent rather than by half.",
        );
        /// Claim: better than approved or standard treatments.
        OfferClaimSuperiority => "offer.claim.superior_to_standard_care", "claim: better than standard treatments", rule(
            "A claim that the treatment is comparable or superior to approved or standard treatments rests on a trial that compared them",
            "FTC Act ss. 5(a) and 12 (15 U.S.C. 45(a), 52); FTC, Health Products Compliance Guidance (Dec 2022), on competent and reliable scientific evidence (randomized, controlled human clinical testing); FTC and State of Georgia v. Peyroux et al. (Stem Cell Institute of America), N.D. Ga. No. 1:21-cv-03329-AT, complaint (17 Aug 2021) and summary judgment for the plaintiffs (11 Mar 2024); FTC v. Regenerative Medical Group, Inc. et al. (C.D. Cal., complaint and stipulated order, Oct 2018)",
            "'Better than surgery', 'better than FDA-approved treatments': a comparison is a health claim that needs scientific evidence comparing the two, generally randomized controlled trials. The FTC and Georgia's Attorney General sued a stem cell business that advertised its injections as comparable or superior to surgery, steroid injections and painkillers without any randomized trial; the court granted summary judgment against it. Without such a trial the claim is a red flag; a cited Phase III trial leaves the question whether it compared the treatment with the standard one.",
        );
        /// Claim: patient-satisfaction figures offered as evidence.
        OfferClaimSatisfaction => "offer.claim.satisfaction_statistics", "claim: satisfaction figures as evidence", rule(
            "Patient-satisfaction or 'success rate' figures are not offered in place of trial evidence (they never count as evidence)",
            "FTC, Health Products Compliance Guidance (Dec 2022); FTC Guides Concerning the Use of Endorsements and Testimonials in Advertising, 16 CFR 255.2 (as revised 2023); Moorer v. StemGenex Medical Group, Inc., S.D. Cal. No. 3:16-cv-02816, order of 6 Apr 2017 (claims over '100% of prior consumers are satisfied' sufficiently pleaded); \"Mesenchymal Stem Cells: What Science Is Actually Getting Right (and Wrong)\", 'Look Up the Research'",
            "How many past customers say they are satisfied says nothing about whether the treatment works: there is no comparison group, no blinding, and the clinic chooses whom it asks and what it reports. Only a completed Phase II or III trial for the condition counts as evidence, and a satisfaction figure never takes its place.",
        );
        /// Claim: testimonials offered as evidence.
        OfferClaimTestimonials => "offer.claim.testimonials", "claim: testimonials as evidence", rule(
            "Patient testimonials are not offered in place of trial evidence (they never count as evidence)",
            "FTC Guides Concerning the Use of Endorsements and Testimonials in Advertising, 16 CFR 255.1(a) and 255.2 (as revised 2023); FTC v. Regenerative Medical Group, Inc. et al. (C.D. Cal., Oct 2018); \"Mesenchymal Stem Cells: What Science Is Actually Getting Right (and Wrong)\", 'Look Up the Research'",
            "An endorsement may not convey a claim the advertiser itself could not make without evidence (16 CFR 255.1(a)), and consumer endorsements of a treatment's effect need the same substantiation as the advertiser's own claims (255.2). A story about one patient is not a trial.",
        );
        /// The product is labelled research use only (or not for treatment), yet given to the patient.
        OfferTreatmentDisclaimer => "offer.marketing.treatment_disclaimer", "'research use only' product given to patients", rule(
            "A product given to the patient is not labelled or sold as 'for research use only', 'not for human use' or 'not intended to treat any disease'",
            "21 CFR 201.128 (intended use: shown by the circumstances in which an article is offered and used, not only by its labeling); FDA, Warning Letter to Stemell, Inc., OBPO 19-09 (28 Aug 2019): disclaimers on a cord-blood product sold to physicians did not change that it was an unapproved drug and biological product",
            "A disclaimer does not change what a product is used for: FDA reads the intended use from how a product is offered and used, and warned a supplier whose website and terms said its umbilical cord products were not meant to treat disease while it sold them to clinics that did. A product whose own label says it is not for treating people, injected into a patient, is a red flag.",
        );
        /// The patient pays to take part in a 'study'.
        OfferPayToParticipate => "offer.marketing.pay_to_participate", "pay-to-participate 'study'", rule(
            "The patient is not charged to take part in a study, unless (in the US) it runs under an IND with FDA's authorisation to charge",
            "21 CFR 312.8 (charging for an investigational drug in a clinical trial requires FDA's prior written authorisation); 21 CFR 312.7 (a sponsor may not promote an investigational drug as safe or effective, commercially distribute it, or prolong an investigation to sell it); Turner L, 'ClinicalTrials.gov, stem cells and \"pay-to-participate\" clinical studies', Regen Med 2017;12(6):705-719",
            "Most trials are free to join. Businesses that sell unapproved stem cell treatments have registered 'patient-funded' studies on ClinicalTrials.gov that run under no FDA-reviewed IND (Turner 2017); a registration is not an FDA review. In the US an investigational drug may be charged for in a trial only under an IND and with FDA's prior written authorisation (21 CFR 312.8). A pay-to-participate study in the US with no IND is a red flag; with one, ask for FDA's authorisation to charge; elsewhere, ask who authorised it.",
        );
        /// Repeat ('booster') treatments sold after the first.
        OfferRepeatTreatments => "offer.price.repeat_treatments", "repeat 'booster' treatments", rule(
            "The price the patient weighs is the whole course: repeat ('booster') treatments are not sold without evidence that repeating the treatment helps",
            "FTC v. Regenerative Medical Group, Inc. et al. (C.D. Cal., Oct 2018): initial treatments of $9,500 to $15,000 with recommended 'boosters' of $5,000 to $8,000 each; FTC and State of Georgia v. Peyroux et al., N.D. Ga. No. 1:21-cv-03329-AT (about $5,000 per injection, patients often receiving more than one); \"Mesenchymal Stem Cells: What Science Is Actually Getting Right (and Wrong)\", 'Manage Your Expectations'",
            "Clinics the FTC sued sold a first treatment and then 'boosters' at thousands of dollars each. A course of repeat injections multiplies the price, and no trial the offer cites shows that repeating it helps: ask how many, why, and what the whole course costs.",
        );
        /// The clinic states a follow-up plan.
        OfferFollowUp => "offer.checklist.follow_up", "follow-up plan", rule(
            "The clinic states how it follows the patient up: what it monitors and how, for how long, and whom to call about an adverse event",
            "\"Mesenchymal Stem Cells (MSC)\" overview, 'Clinical Context' ('Monitoring includes clinical evaluation of symptom changes and sometimes imaging or laboratory tests to assess response') and FAQ 'Are MSC therapies safe?' (long-term safety data still being collected); FDA, Consumer Alert on Regenerative Medicine Products Including Stem Cells and Exosomes (22 Jul 2020): report a bad side effect to MedWatch; 21 CFR 312.23(a)(6)(iii)(g) (a trial's protocol states how the drug's effects are monitored)",
            "Treatment with live cells does not end on the day of the injection: its response is monitored by clinical evaluation and sometimes imaging or laboratory tests, and its long-term safety is still being studied. A patient should know what will be checked, how and for how long, and whom to call if something goes wrong.",
        );

        // ---- EU: Regulation (EC) 1394/2007 (rules::eu) ----

        /// First "engineered" criterion of Reg (EC) 1394/2007 Art 2(1)(c): substantial manipulation.
        EuSubstantialManipulation => "eu.reg1394.2.1.c.1", "substantial manipulation", rule(
            "The cells or tissues have been substantially manipulated: at least one processing step is a substantial manipulation, not among the non-substantial manipulations of Annex I",
            "Regulation (EC) No 1394/2007 of the European Parliament and of the Council of 13 November 2007 on advanced therapy medicinal products (OJ L 324, 10.12.2007, p. 121), Art 2(1)(c), first indent, and Annex I; on collagenase digestion and cell culture: Raposio E, Ciliberti R, review in Annals of Medicine and Surgery (2017; PMID 29204274), which reports them as substantial in the EMA's practice (a literature review, not a CAT text: the CAT reflection paper EMA/CAT/600280/2010 Rev.1 was not read)",
            "Annex I lists thirteen manipulations that are not substantial: cutting, grinding, shaping, centrifugation, soaking in antibiotic or antimicrobial solutions, sterilization, irradiation, cell separation, concentration or purification, filtering, lyophilization, freezing, cryopreservation and vitrification. The list applies 'in particular', so other steps are judged by the definition: a manipulation is substantial when it achieves 'biological characteristics, physiological functions or structural properties relevant for the intended regeneration, repair or replacement'. Culture expansion, enzymatic digestion and genetic modification are substantial (for enzymatic digestion the crate's source is a 2017 literature review, not a CAT text). Rinsing and washing achieve none of those properties and are not. Mechanical fragmentation of tissue (micro-fragmented fat) is judged as Annex I's cutting and grinding. Activation, decellularisation and steps the crate cannot name are left to the CAT.",
        );
        /// Second "engineered" criterion of Reg (EC) 1394/2007 Art 2(1)(c): a different essential function.
        EuEssentialFunction => "eu.reg1394.2.1.c.2", "not the same essential function", rule(
            "The cells or tissues are not intended to be used for the same essential function(s) in the recipient as in the donor",
            "Regulation (EC) No 1394/2007 of the European Parliament and of the Council of 13 November 2007 on advanced therapy medicinal products, Art 2(1)(c), second indent; EMA Committee for Advanced Therapies, Reflection paper on classification of advanced therapy medicinal products, EMA/CAT/600280/2010 Rev.1 (2015), section 2.2.3",
            "Cells are engineered, even without substantial manipulation, when they are meant to do something in the patient other than what they did in the donor (non-homologous use). The CAT's reading, as summarised in the literature, is that the cells keep their original function(s) 'in the same anatomical or histological environment'. The crate compares the source tissue's basic functions with the functions the recipient's tissue performs at the site of use (stated, or derived from the route) and with the functions the indications imply as well as those declared: an autologous fat graft given into a vein or into heart muscle does not do there what fat did in the donor, whatever the record declares.",
        );
        /// Which class of advanced therapy medicinal product an engineered product falls in.
        EuAtmpClass => "eu.reg1394.2.1.a", "ATMP class", rule(
            "An engineered product is an ATMP: a gene therapy medicinal product, a somatic cell therapy medicinal product, or a tissue engineered product, by the mode of action it is presented with",
            "Regulation (EC) No 1394/2007 of the European Parliament and of the Council of 13 November 2007 on advanced therapy medicinal products, Art 2(1)(a)-(b) and recital 3 (Art 2(4)-(5) not read: no stored copy of their text was found); Commission Directive 2009/120/EC of 14 September 2009, replacing Directive 2001/83/EC Annex I Part IV, points 2.1-2.2",
            "A tissue engineered product (TEP) 'is presented as having properties for, or is used in or administered to human beings with a view to regenerating, repairing or replacing a human tissue'. A somatic cell therapy medicinal product (sCTMP) is presented 'with a view to treating, preventing or diagnosing a disease through the pharmacological, immunological or metabolic action of its cells or tissues'. A gene therapy medicinal product (GTMP) needs both conditions of Annex I Part IV point 2.1: (a) 'it contains an active substance which contains or consists of a recombinant nucleic acid used in or administered to human beings with a view to regulating, repairing, replacing, adding or deleting a genetic sequence', and (b) 'its therapeutic, prophylactic or diagnostic effect relates directly to the recombinant nucleic acid sequence it contains, or to the product of genetic expression of this sequence'. Genetically modified cells meet (a) on the crate's reading; without a statement on (b) (processing.effect_from_recombinant_nucleic_acid) the class stays open, and a modification the effect does not rest on leaves the class to the claims. Otherwise the class follows the claim: a tissue-repair claim makes a TEP even when the repair is said to work through paracrine signalling. A product presented both ways fits both definitions; Art 2(4) is widely reported to make it a TEP ('a product which may fall within the definition of a tissue engineered product and within the definition of a somatic cell therapy medicinal product shall be considered as a tissue engineered product'), and the crate applies that with a warning, because the Regulation's own text of Art 2(4) and 2(5) could not be read. The claim is read from the declared functions, else a mechanism that names a mode of action (immunomodulation; cells becoming tissue), else the functions the indications imply. EMA examples: ex-vivo expanded allogeneic bone-marrow MSCs for GvHD, sCTMP (CAT, 28 March 2019); Alofisel (darvadstrocel) for perianal fistulas, sCTMP (EPAR, 2018); adipose-derived MSCs for diabetic foot ulcers, and for bone and cartilage defects including osteoarthritis, TEP (CAT monthly report, 119th meeting, October 2019); allogeneic umbilical-cord MSCs for acute GvHD, systemic lupus erythematosus, systemic sclerosis and ARDS, sCTMP (CAT monthly report, 132nd meeting, as reported by ECA Academy / gmp-compliance.org).",
        );
        /// Tissues and cells that are not ATMPs: Directive 2004/23/EC (SoHO Regulation from 2027).
        EuTissuesAndCells => "eu.dir2004_23.2.1", "tissues and cells framework", rule(
            "Human tissues and cells that are not medicinal products fall under Directive 2004/23/EC; for ATMPs it covers only donation, procurement and testing",
            "Directive 2004/23/EC of the European Parliament and of the Council of 31 March 2004 on standards of quality and safety for human tissues and cells, Art 2(1); Regulation (EU) 2024/1938 of the European Parliament and of the Council of 13 June 2024 on substances of human origin (SoHO), applicable from 7 August 2027",
            "Directive 2004/23/EC sets quality and safety standards for the donation, procurement, testing, processing, preservation, storage and distribution of human tissues and cells. When the cells become a medicinal product such as an ATMP, the Directive still governs their donation, procurement and testing. Regulation (EU) 2024/1938 on substances of human origin (SoHO) repeals it and applies from 7 August 2027.",
        );
        /// The exclusion of autologous grafts within one surgical procedure, Dir 2004/23/EC Art 2(2)(a).
        EuAutologousSameProcedure => "eu.dir2004_23.2.2.a", "autologous graft in the same surgical procedure", rule(
            "The cells are used as an autologous graft within the same surgical procedure, which Directive 2004/23/EC excludes from its scope",
            "Directive 2004/23/EC of the European Parliament and of the Council of 31 March 2004 on standards of quality and safety for human tissues and cells, Art 2(2)(a)",
            "Tissues and cells taken from a patient and returned to the same patient during one surgical procedure are outside the tissues and cells Directive. The exclusion needs both facts to be shown: the cells are the patient's own, and they are used within the same procedure. It applies only to cells that are not engineered: a fat graft rinsed before it is put back is one; a fat graft given into a vein is not, because fat does not do there what it did in the donor.",
        );
        /// The hospital exemption for ATMPs (Art 28 Reg 1394/2007, inserting Art 3(7) Dir 2001/83/EC).
        EuHospitalExemption => "eu.reg1394.28", "hospital exemption", rule(
            "An ATMP prepared on a non-routine basis and used in a hospital of the same Member State under a medical practitioner's responsibility, for an individual prescription, is outside Directive 2001/83/EC",
            "Regulation (EC) No 1394/2007 of the European Parliament and of the Council of 13 November 2007 on advanced therapy medicinal products, Art 28, inserting Art 3(7) into Directive 2001/83/EC",
            "The hospital exemption lets a hospital make a custom ATMP for one patient without a marketing authorisation. Manufacture must be authorised by the Member State's competent authority, which must ensure national traceability, pharmacovigilance and quality standards equivalent to those for authorised ATMPs; practice differs between Member States (e.g. Germany's section 4b AMG). Whether a use qualifies depends on facts outside a product record, so for an ATMP the crate asks. The EU pharmaceutical package will reform the hospital exemption (Commission proposal of April 2023, moving it into the new Directive with Member State approval, notification to the EMA and data reporting; provisional agreement of the Council and Parliament on 11 December 2025): until the new text is adopted, published and applies, Art 3(7) of Directive 2001/83/EC holds, and the crate will re-cite it then.",
        );
        /// The CAT scientific recommendation on classification (Art 17 Reg 1394/2007).
        EuCatClassification => "eu.reg1394.17", "CAT classification recommendation", rule(
            "Any applicant developing a product based on genes, cells or tissues may ask the EMA for a scientific recommendation on whether it is an ATMP",
            "Regulation (EC) No 1394/2007 of the European Parliament and of the Council of 13 November 2007 on advanced therapy medicinal products, Art 17; EMA Committee for Advanced Therapies, procedural advice EMA/CAT/99623/2009 Rev.2 (5 November 2021)",
            "The Committee for Advanced Therapies (CAT) classification is optional and free of charge; the EMA answers within 60 days of a valid request, after consulting the Commission. It is the formal way to settle a borderline classification; this crate's answer is not.",
        );

        /// The SoHO Regulation's framework, which replaces Directive 2004/23/EC from 7 August 2027.
        EuSoho => "eu.soho.2", "substances of human origin (SoHO Regulation)", rule(
            "From 7 August 2027, human cells and tissues that are not engineered are substances of human origin under Regulation (EU) 2024/1938; for an ATMP it covers the donation, collection and testing of the starting cells",
            "Regulation (EU) 2024/1938 of the European Parliament and of the Council of 13 June 2024 on standards of quality and safety for substances of human origin intended for human application (SoHO Regulation), Art 2 (scope) and Art 86 (applies from 7 August 2027), repealing Directives 2002/98/EC and 2004/23/EC",
            "The SoHO Regulation defines a substance of human origin as any substance collected from the human body, whether it contains cells or not and whether those cells are living or not, including SoHO preparations made by processing it. From 7 August 2027 it replaces the tissues and cells Directive 2004/23/EC (and the blood Directive 2002/98/EC). When the cells are the starting material of a medicinal product such as an ATMP, it still governs their donation, collection and testing; the medicinal product law governs the rest. Its SoHO Coordination Board may give opinions on the regulatory status of a borderline substance (Art 13). The final text of Art 2 was not read in the crate's sources; the scope is taken from the Regulation's definitions as summarised by the Finnish Medicines Agency (Fimea) and NSF.",
        );
        /// SoHO preparation authorisation, Reg (EU) 2024/1938 Art 38(1) (Art 60 for autologous use without storage).
        EuSohoPreparationAuthorisation => "eu.soho.38", "SoHO preparation authorisation", rule(
            "From 7 August 2027, a SoHO preparation may be released, or in autologous or within-relationship use prepared and immediately applied, only with a prior SoHO preparation authorisation",
            "Regulation (EU) 2024/1938 of the European Parliament and of the Council of 13 June 2024 on substances of human origin (SoHO Regulation), Art 38(1) and Art 60, applicable from 7 August 2027 (Art 86)",
            "Art 38(1): 'SoHO entities shall not release or, in the context of autologous or within-relationship use, shall not prepare and immediately apply to a SoHO recipient, SoHO preparations without prior SoHO preparation authorisation.' Under Directive 2004/23/EC an autologous graft used within the same surgical procedure was outside the Directive (Art 2(2)(a)); from 7 August 2027 a bedside autologous preparation (a marrow concentrate or a fat graft prepared and given in one procedure) needs a SoHO preparation authorisation from the competent authority. Art 60: when autologous SoHO are processed and applied without storage no release step is needed, but the authorisation must specify the quality-control parameters to verify. Whether a given preparation holds the authorisation is not in a product record.",
        );
        /// The scope of Directive 2001/83/EC: products prepared industrially or by an industrial process (Art 2(1)).
        EuIndustrialScope => "eu.dir2001_83.2.1", "prepared industrially (Directive 2001/83/EC scope)", rule(
            "The medicinal products law applies to a product 'prepared industrially or manufactured by a method involving an industrial process'",
            "Directive 2001/83/EC of the European Parliament and of the Council of 6 November 2001 on the Community code relating to medicinal products for human use, Art 2(1), as amended by Directive 2004/27/EC; Regulation (EC) No 1394/2007, Art 28 and recital 6",
            "Directive 2001/83/EC, and with it the marketing authorisation an ATMP needs, applies to medicinal products 'intended to be placed on the market in Member States and either prepared industrially or manufactured by a method involving an industrial process' (Art 2(1)). An ATMP prepared on a non-routine basis in a hospital for one patient is taken out of it by the hospital exemption (Art 3(7)); one made by an industrial process is within it. How and where a product is made is not in a product record, so the crate leaves the question open for every ATMP and never settles it.",
        );
        /// Compassionate use (Art 83 Reg (EC) No 726/2004) and named-patient supply (Art 5(1) Dir 2001/83/EC).
        EuExceptionalUse => "eu.compassionate_named_patient", "compassionate use or named-patient supply", rule(
            "An unauthorised medicinal product may reach a patient through a compassionate use programme or a named-patient supply where national law allows it",
            "Regulation (EC) No 726/2004 of the European Parliament and of the Council of 31 March 2004, Art 83 (compassionate use); Directive 2001/83/EC of the European Parliament and of the Council of 6 November 2001, Art 5(1) (products supplied in response to a bona fide unsolicited order, for an individual patient under a practitioner's direct personal responsibility)",
            "Besides a marketing authorisation, a clinical trial and the hospital exemption, EU law leaves two routes for an unauthorised medicinal product: a Member State may make it available for compassionate use to a group of patients with a chronically or seriously debilitating or life-threatening disease who cannot be treated satisfactorily by an authorised product, while it is the subject of a marketing authorisation application or undergoing clinical trials (Art 83 of Regulation (EC) No 726/2004); and a Member State may exclude from the Directive products supplied on a bona fide unsolicited order for an individual patient (Art 5(1) of Directive 2001/83/EC, the named-patient route). Whether either applies depends on a national decision and facts outside a product record, so the crate asks rather than decides.",
        );
        /// An authority's determination on this product, recorded as a fact (EU).
        EuDetermination => "eu.determination", "an authority's determination (EU)", rule(
            "A determination recorded for this product (product.determinations), such as an EMA CAT scientific recommendation on classification, settles the criterion it names, or with this rule id the EU classification (ATMP and its class, or not an ATMP), from the day it is dated, unless the stated facts contradict it",
            "Regulation (EC) No 1394/2007, Art 2(1) and Art 17 (scientific recommendation on advanced therapy classification); EMA/CAT/99623/2009 Rev.2 (5 Nov 2021), procedural advice; the determination's own document, cited in the finding's facts",
            "The CAT publishes a summary of each classification recommendation: the product as described to it, the proposed indication and the conclusion (an ATMP of a given class, or not an ATMP). A recommendation recorded with the product settles the classification, or the criterion, it names from its date of adoption, and the finding rests on it as an agency statement. Its summary says it 'refers exclusively to the case as presented': the record states that the product is that case. One the stated facts contradict is reported, and the less favourable answer is kept.",
        );

        // ---- Japan: PMD Act / ASRM (rules::jp) ----

        /// Whether a technology uses cells at all, so that ASRM can apply.
        JpAsrmScope => "jp.asrm.2.scope", "within ASRM (processed cells)", rule(
            "The technology uses processed human or animal cells or, since 31 May 2025, is gene therapy, which ASRM covers; it is not the use of an approved regenerative medical product according to its approval, nor a clinical trial (Art 2(2))",
            "Act on the Safety of Regenerative Medicine (Act No. 85 of 27 November 2013) as amended by Act No. 51 of 2024 (promulgated 14 June 2024, in force 31 May 2025), Art 2 (definitions; Art 2(2): 再生医療等製品…のみを当該承認の内容に従い用いるもの and clinical trials (治験) excluded); MHLW, page on the amended Act (令和7年5月31日施行); MHLW Health Policy Bureau R&D Policy Division office notice on treatments using stem-cell culture supernatant and exosomes (31 July 2024); Japanese Society for Regenerative Medicine guidance on extracellular vesicles (presented 14 June 2024)",
            "ASRM governs regenerative medicine technologies given in clinical research or private practice: those using processed cells (細胞加工物, 'human or animal cells to which culture or other processing has been applied') and, since its amendment by Act No. 51 of 2024 came into force on 31 May 2025, gene therapy that uses no processed cells (in vivo gene therapy). So 'no cells' alone no longer puts a technology outside ASRM: a cell-free preparation is outside it only when no genetic modification is involved, which the processing steps must show. Exosomes and culture supernatant from unmodified cells are outside ASRM: no plan, committee review or risk class applies, and no such product is approved; MHLW's office notice of 31 July 2024 reminds physicians that they bear the responsibility for such treatments, and its Health Sciences Council is reviewing the risk classes with extracellular vesicles in view. Art 2(2) also excludes the use of an approved regenerative medical product according to its approval (the PMD Act governs it) and clinical trials; the crate applies the first when an authorisation is named (classify_jp_authorised) and the record matches the approved indication and route. Whether ASRM covers tissue with no living cells is not settled by the crate's sources.",
        );
        /// Technologies the ASRM Enforcement Order excludes from "regenerative medicine technologies".
        JpAsrmExcluded => "jp.asrm_order.1", "excluded from ASRM", rule(
            "The technology is one the ASRM Enforcement Order excludes: transfusion, haematopoietic stem cell transplantation, or processed germ cells",
            "Order for Enforcement of the Act on the Safety of Regenerative Medicine (Cabinet Order No. 278 of 8 August 2014), Art 1; MHLW Health Policy Bureau notice 医政発0926第1号 (26 September 2014)",
            "Blood transfusion, haematopoietic stem cell transplantation and processed germ cells are not 'regenerative medicine technologies' under ASRM, so no risk class applies. Cells given to form blood, such as a marrow or cord blood graft, may be such a transplantation; the crate flags the question rather than deciding it.",
        );
        /// Class I cell categories of the Act on the Safety of Regenerative Medicine.
        JpAsrmClassI => "jp.asrm.class_i", "ASRM Class I", rule(
            "The technology uses a Class I cell category: allogeneic human cells, animal cells, cells into which genes have been introduced, or ES / iPS cells",
            "Act on the Safety of Regenerative Medicine (Act No. 85 of 27 November 2013, as amended by Act No. 51 of 2024, in force 31 May 2025), Art 2(5) and Arts 7-10; MHLW Ordinance for Enforcement of the Act (Ordinance No. 110 of 26 September 2014)",
            "ASRM sorts regenerative medicine given in clinical research or private practice into three risk classes. Class I covers technologies whose effect on life and health is unclear or may be serious, and includes any use of cells from someone other than the patient, animal cells, genetically modified cells, and ES or iPS cells. Its plans are reviewed by a Certified Special Committee and then by MHLW, with a 90-day restriction period.",
        );
        /// Class II of the Act on the Safety of Regenerative Medicine.
        JpAsrmClassII => "jp.asrm.class_ii", "ASRM Class II", rule(
            "An autologous technology that is not Class I is Class II when it uses cultured cells or uses the cells for a non-homologous purpose; one that uses uncultured somatic stem cells homologously is left open (criteria as summarised, not confirmed against the ordinance)",
            "Act on the Safety of Regenerative Medicine (Act No. 85 of 27 November 2013, as amended by Act No. 51 of 2024, in force 31 May 2025), Art 2(6) and Art 11; MHLW Ordinance for Enforcement of the Act (Ordinance No. 110 of 26 September 2014; Class II criteria not read, known from summaries); MHLW Pharmaceutical and Food Safety Bureau notice 薬食発0907第3号 (7 September 2012), definition of human somatic stem cells",
            "Class II is medium risk: technologies already performed in humans, such as those using the patient's own somatic stem cells. Published summaries of the ordinance give three Class II categories: human somatic stem cells (ヒト体性幹細胞, stem cells of the body with a limited capacity to differentiate), cultured cells used to rebuild, repair or form a body structure or function, and non-homologous use; one places the patient's own adipose-derived stem cells in Class II. The crate applies the culture and non-homologous-use criteria; for uncultured cells used homologously that are, or may be, somatic stem cells (marrow cells, adipose-derived stem cells, cord blood, as MHLW's 2012 notice defines them) it leaves the class open, because the ordinance's own text could not be read to confirm the somatic-stem-cell criterion. A risk class, and a provision plan reviewed by a certified committee, say which review applies, not that a treatment is safe: MHLW issued the first emergency order under ASRM on 29 August 2025, after a patient's death, against a clinic giving the patient's own culture-expanded adipose-derived cells intravenously (a Class II technology) and the cell processing facility that made them.",
        );
        /// Homologous use in the sense of MHLW notice 医政研発1031第1号.
        JpHomologousUse => "jp.asrm.homologous_use", "homologous use (ASRM)", rule(
            "The cells are given for a function similar to that of the cells at the target site (homologous use)",
            "MHLW Health Policy Bureau Research and Development Division Director notice 医政研発1031第1号 (31 October 2014), on the classification of regenerative medicine technologies under the Act on the Safety of Regenerative Medicine",
            "The notice's example: adipose-derived cells taken from abdominal fat and given to rebuild a breast after mastectomy are homologous; the same cells given intravenously to treat diabetes are not. For uncultured peripheral-blood techniques, use on the skin or in the mouth is homologous, injection into a joint (poorly vascularised tissue) is not. The crate compares the source tissue's basic functions with the functions the cells at the target site perform (the site of use, stated or derived from the route) and with the functions the indications imply as well as those declared.",
        );
        /// Regenerative medical products under the PMD Act.
        JpRegenerativeMedicalProduct => "jp.pmd_act.regenerative_product", "regenerative medical product (PMD Act)", rule(
            "Sold commercially, the product would be a regenerative medical product: processed human or animal cells for repairing body structure or function or treating disease, or a gene therapy product",
            "Act on Securing Quality, Efficacy and Safety of Products Including Pharmaceuticals and Medical Devices (PMD Act; Act No. 145 of 1960 as amended by Act No. 84 of 27 November 2013, in force 25 November 2014), Art 2(9), definition of regenerative medical products (wording as quoted by Nikkei Biotechnology; 'live cells' is PMDA's English gloss; the Act's own text was not read)",
            "Japan has two tracks. Products made and sold commercially are 'regenerative medical products' under the PMD Act and need approval. The same cells used in clinical research or private practice in a medical institution fall under ASRM instead. The statutory wording is 人又は動物の細胞に培養その他の加工を施したもの ('human or animal cells to which culture or other processing has been applied'): it has no word for 'live', which comes from PMDA's English summary. The crate follows that gloss and treats a preparation that delivers no living cells, and is not a gene therapy product, as not one; this is the crate's reading of the gloss. The crate recognises processing that clearly goes beyond minimal manipulation (culture, genetic modification); Japan's own list of minimal operations was not available, so other processing leaves the question open.",
        );
        /// Conditional and time-limited approval under the PMD Act.
        JpConditionalApproval => "jp.pmd_act.23_26", "conditional and time-limited approval", rule(
            "A regenerative medical product that is not homogeneous, is presumed effective and is not presumed worthless for its harms may be approved with conditions and a time limit of at most seven years",
            "Act on Securing Quality, Efficacy and Safety of Products Including Pharmaceuticals and Medical Devices (PMD Act; Act No. 145 of 1960 as amended by Act No. 84 of 27 November 2013), Art 23-26",
            "Japan's conditional, time-limited approval lets a regenerative medical product reach patients on small trials. The holder must apply for full approval within the time limit. MSC products approved this way include Stemirac (2018) and Akuugo (2024); two of the first five products so approved did not reach full approval.",
        );

        // ---- The law's dates (every engine) ----

        /// The evaluation date lies after the last day the crate's sources reach.
        LawKnowledgeHorizon => "law.knowledge_horizon", "evaluation date after the crate's knowledge", rule(
            "The evaluation date is on or before the last day the crate's knowledge of the law reaches",
            "The crate's knowledge horizon (msc_therapy::KNOWLEDGE_HORIZON): the sources it cites were read up to that day",
            "Law changes: regulations come into force, approvals expire or are withdrawn, courts decide. The crate applies the law as its sources stood on its knowledge horizon; for a later evaluation date it still answers, and says that changes after the horizon are not known.",
        );
    }
}
