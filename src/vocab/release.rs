//! Release-testing vocabulary: surface markers, test results, product state.

use crate::table::vocab;

vocab! {
    /// **Whether a marker should be present or absent on MSCs (ISCT 2006).**
    pub enum MarkerExpectation {
        /// At least 95 % of cells must carry the marker.
        Positive => "positive", "positive (≥ 95 %)";
        /// At most 2 % of cells may carry it.
        Negative => "negative", "negative (≤ 2 %)";
        /// Reported for information; not part of the ISCT minimal criteria.
        Informative => "informative", "informative only";
    }
}

/// **What the crate knows about a surface marker**: one row of the [`SurfaceMarker`] table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct MarkerInfo {
    /// What the ISCT minimal criteria expect.
    pub expectation: MarkerExpectation,
    /// For negative markers that come in "or" pairs (CD14 or CD11b; CD79a or CD19), the other
    /// marker of the pair: one of the two shown negative suffices.
    pub alternative: Option<SurfaceMarker>,
    /// What cells the marker flags.
    pub marks: &'static str,
    /// HGNC symbol of the gene encoding it.
    pub gene: &'static str,
}

const fn marker(
    expectation: MarkerExpectation,
    alternative: Option<SurfaceMarker>,
    marks: &'static str,
    gene: &'static str,
) -> MarkerInfo {
    MarkerInfo {
        expectation,
        alternative,
        marks,
        gene,
    }
}

use MarkerExpectation::{Informative, Negative, Positive};

vocab! {
    /// **A cell-surface protein measured by flow cytometry to show what cells a product holds.**
    ///
    /// The ISCT minimal criteria (Dominici et al., Cytotherapy 2006;8(4):315-317) define human MSCs
    /// as ≥ 95 % positive for CD73, CD90 and CD105 and ≤ 2 % positive for CD45, CD34, CD14 *or*
    /// CD11b, CD79a *or* CD19, and HLA-DR — besides plastic adherence and tri-lineage
    /// differentiation. The negative markers exclude blood-forming, white-blood and immune cells.
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::vocab::{MarkerExpectation, SurfaceMarker};
    ///
    /// assert_eq!(SurfaceMarker::Cd73.info().expectation, MarkerExpectation::Positive);
    /// assert_eq!(SurfaceMarker::Cd14.info().alternative, Some(SurfaceMarker::Cd11b));
    /// assert_eq!(SurfaceMarker::HlaDr.to_string(), "hla_dr");
    /// ```
    #[non_exhaustive]
    pub enum SurfaceMarker: MarkerInfo {
        /// CD73 (ecto-5'-nucleotidase).
        Cd73 => "cd73", "CD73", marker(Positive, None, "MSCs", "NT5E");
        /// CD90 (Thy-1).
        Cd90 => "cd90", "CD90", marker(Positive, None, "MSCs", "THY1");
        /// CD105 (endoglin).
        Cd105 => "cd105", "CD105", marker(Positive, None, "MSCs", "ENG");
        /// CD45, the pan-leukocyte marker.
        Cd45 => "cd45", "CD45", marker(Negative, None, "white blood cells", "PTPRC");
        /// CD34, on blood-forming progenitors and endothelial cells.
        Cd34 => "cd34", "CD34", marker(Negative, None, "hematopoietic progenitors, endothelial cells", "CD34");
        /// CD14, on monocytes and macrophages (or CD11b).
        Cd14 => "cd14", "CD14", marker(Negative, Some(SurfaceMarker::Cd11b), "monocytes and macrophages", "CD14");
        /// CD11b, on monocytes and macrophages (or CD14).
        Cd11b => "cd11b", "CD11b", marker(Negative, Some(SurfaceMarker::Cd14), "monocytes and macrophages", "ITGAM");
        /// CD79a, on B cells (or CD19).
        Cd79a => "cd79a", "CD79a", marker(Negative, Some(SurfaceMarker::Cd19), "B cells", "CD79A");
        /// CD19, on B cells (or CD79a).
        Cd19 => "cd19", "CD19", marker(Negative, Some(SurfaceMarker::Cd79a), "B cells", "CD19");
        /// HLA-DR, an MHC class II molecule on antigen-presenting cells.
        HlaDr => "hla_dr", "HLA-DR", marker(Negative, None, "antigen-presenting cells", "HLA-DRA");
        /// CD29 (integrin beta-1), often reported; not an ISCT criterion.
        Cd29 => "cd29", "CD29", marker(Informative, None, "MSCs and many other cells", "ITGB1");
        /// CD44, often reported; not an ISCT criterion.
        Cd44 => "cd44", "CD44", marker(Informative, None, "MSCs and many other cells", "CD44");
        /// CD31, on endothelial cells; some specifications limit it.
        Cd31 => "cd31", "CD31", marker(Informative, None, "endothelial cells", "PECAM1");
    }
}

vocab! {
    /// **The result of a pass/fail safety test** such as sterility or mycoplasma.
    pub enum TestOutcome {
        /// Nothing found: no growth (sterility), not detected (mycoplasma).
        Negative => "negative", "negative (not detected)";
        /// Contamination found.
        Positive => "positive", "positive (detected)";
        /// Started but not finished at release (e.g. a 14-day sterility culture).
        Pending => "pending", "pending";
    }
}

vocab! {
    /// **A safety release test that a record may state was not performed**
    /// ([`crate::ReleaseData::not_performed`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::vocab::ReleaseTest;
    ///
    /// assert_eq!("endotoxin".parse::<ReleaseTest>()?, ReleaseTest::Endotoxin);
    /// assert_eq!(ReleaseTest::Sterility.info().result_path, "release.sterility");
    /// # Ok::<(), msc_therapy::document::UnknownCode>(())
    /// ```
    #[non_exhaustive]
    pub enum ReleaseTest: ReleaseTestInfo {
        /// Sterility (USP <71>, Ph. Eur. 2.6.1 / 2.6.27; 21 CFR 610.12).
        Sterility => "sterility", "sterility", ReleaseTestInfo { result_path: "release.sterility" };
        /// Mycoplasma (USP <63>, Ph. Eur. 2.6.7; 21 CFR 610.30).
        Mycoplasma => "mycoplasma", "mycoplasma", ReleaseTestInfo { result_path: "release.mycoplasma" };
        /// Bacterial endotoxins (USP <85>).
        Endotoxin => "endotoxin", "bacterial endotoxins", ReleaseTestInfo { result_path: "release.endotoxin_eu_per_ml" };
    }
}

/// **What the crate knows about a release test**: one row of the [`ReleaseTest`] table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct ReleaseTestInfo {
    /// The dotted input path of the test's result in a product record.
    pub result_path: &'static str,
}

vocab! {
    /// **Why a release test was not performed.**
    ///
    /// Stating a test as not performed is distinct from leaving its result out (not stated) and
    /// from a negative result. Whether the reason excuses the missing result is for the quality
    /// rules to judge: a lot released to patients is tested whatever the reason (21 CFR 610.12
    /// for sterility).
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::vocab::NotPerformedReason;
    ///
    /// let reason: NotPerformedReason = "not_required_point_of_care".parse()?;
    /// assert_eq!(reason, NotPerformedReason::NotRequiredPointOfCare);
    /// # Ok::<(), msc_therapy::document::UnknownCode>(())
    /// ```
    #[non_exhaustive]
    pub enum NotPerformedReason {
        /// A same-day autologous preparation at the point of care: no lot is released and a
        /// culture would report only after the cells are given.
        NotRequiredPointOfCare => "not_required_point_of_care", "not required: same-day autologous preparation at the point of care";
        /// Too little material was left to test.
        InsufficientMaterial => "insufficient_material", "too little material to test";
        /// Another reason, not listed.
        Other => "other", "another reason";
    }
}

vocab! {
    /// **Whether cells were given fresh or after being frozen and thawed.**
    ///
    /// Freezing and thawing kills a share of cells, so a cryopreserved product's viability must be
    /// measured after thawing ("post-thaw"); a fresh-only figure overstates what the patient gets.
    pub enum ProductState {
        /// Never frozen.
        Fresh => "fresh", "fresh";
        /// Frozen for storage and thawed before use.
        Cryopreserved => "cryopreserved", "cryopreserved";
    }
}

vocab! {
    /// **When a viability figure was measured.**
    pub enum ViabilityTiming {
        /// Before freezing, or on a product that was never frozen.
        BeforeFreezing => "before_freezing", "before freezing / fresh";
        /// After thawing, as the patient receives it.
        PostThaw => "post_thaw", "post-thaw";
    }
}

vocab! {
    /// **How viability was measured** (Ph. Eur. 2.7.29 covers dye exclusion and flow cytometry).
    #[non_exhaustive]
    pub enum ViabilityMethod {
        /// Trypan blue dye exclusion, counted by hand or machine.
        TrypanBlue => "trypan_blue", "trypan blue exclusion";
        /// A fluorescent dye such as 7-AAD or propidium iodide read by flow cytometry.
        FlowCytometry => "flow_cytometry", "flow cytometry (7-AAD / PI)";
        /// Acridine orange / propidium iodide read by an image cytometer.
        ImageCytometry => "image_cytometry", "image cytometry (AO/PI)";
    }
}
