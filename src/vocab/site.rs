//! Sites of use: the place in the recipient where a product goes, and what tissue does there.

use crate::TissueFunction;
use crate::table::vocab;

/// **What the crate knows about a site of use**: one row of the [`SiteOfUse`] table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct SiteInfo {
    /// The functions the recipient's own tissue performs at this site. A product performs the
    /// "same basic function" there (21 CFR 1271.3(c)) only if one of its source tissue's basic
    /// functions is among them. An empty list means no source tissue's basic function is
    /// performed there (a pathological tract, for instance).
    pub functions: &'static [TissueFunction],
    /// UBERON anatomy term for the site, where one fits.
    pub uberon: Option<&'static str>,
    /// Where the functions come from.
    pub citation: &'static str,
}

const fn site(
    functions: &'static [TissueFunction],
    uberon: Option<&'static str>,
    citation: &'static str,
) -> SiteInfo {
    SiteInfo {
        functions,
        uberon,
        citation,
    }
}

use TissueFunction as F;

vocab! {
    /// **The place in the recipient where a product is put, and so where it must work.**
    ///
    /// US homologous use asks whether a product "performs the same basic function or functions
    /// in the recipient as in the donor" (21 CFR 1271.3(c)); the EU asks whether cells are used
    /// for "the same essential function or functions in the recipient as in the donor"
    /// (Regulation (EC) No 1394/2007, Art 2(1)(c)); Japan asks whether they act like the cells at
    /// the target site. All three turn on the *site*: the same fat is homologous under the skin
    /// of the face, where it cushions (FDA MM/HU guidance Example 19-6(a)), and not in a vein,
    /// where nothing is cushioned. A product may be used away from where it grew and still be
    /// homologous, as long as it does the same basic job there (MM/HU guidance Q20).
    ///
    /// A record states the site in [`IntendedUse::site_of_use`](crate::IntendedUse::site_of_use)
    /// or lets the crate derive it from the route ([`RouteInfo::default_site`](crate::RouteInfo::default_site));
    /// [`Product::site_of_use`](crate::Product::site_of_use) returns the one that applies.
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::vocab::{Route, SiteOfUse, TissueFunction};
    ///
    /// let site: SiteOfUse = "eye_surface".parse()?;
    /// assert!(site.info().functions.contains(&TissueFunction::Covering));
    /// assert_eq!(Route::Intravenous.info().default_site, Some(SiteOfUse::SystemicCirculation));
    /// // An injection "into a lesion" could be anywhere: the route does not say.
    /// assert_eq!(Route::Intralesional.info().default_site, None);
    /// # Ok::<(), msc_therapy::document::UnknownCode>(())
    /// ```
    #[non_exhaustive]
    pub enum SiteOfUse: SiteInfo {
        /// A synovial joint space, e.g. the knee. Articular cartilage bears load, absorbs shock
        /// and reduces friction.
        JointSpace => "joint_space", "joint / synovial space", site(
            &[F::Support, F::Cushioning, F::Lubrication], Some("UBERON:0000982"),
            "FDA MM/HU guidance (2017, rev. 2020), Example 12-1 (cartilage: load-bearing, absorbing shock, reducing friction between joints)",
        );
        /// An intervertebral disc, which cushions and supports the spine.
        IntervertebralDisc => "intervertebral_disc", "intervertebral disc", site(
            &[F::Cushioning, F::Support], Some("UBERON:0001066"),
            "FDA MM/HU guidance (2017, rev. 2020), section III.B Q6-Q7 (structural tissue that cushions and supports)",
        );
        /// Bone, which supports the body and protects internal structures.
        Bone => "bone", "bone", site(
            &[F::Support], Some("UBERON:0002481"),
            "FDA MM/HU guidance (2017, rev. 2020), Examples 10-1 and 20-2 (bone supports the body and protects internal structures)",
        );
        /// A tendon or ligament, which connects muscle to bone or bone to bone.
        TendonLigament => "tendon_ligament", "tendon / ligament", site(
            &[F::Connection, F::Support], Some("UBERON:0000043"),
            "FDA MM/HU guidance (2017, rev. 2020), Examples 12-2 and 20-1(b) (ligament attaches bone to bone; tendon connects muscle and bone)",
        );
        /// Skeletal muscle.
        SkeletalMuscle => "skeletal_muscle", "skeletal muscle", site(
            &[F::Contraction], Some("UBERON:0001134"),
            "Skeletal muscle contracts to move the body; FDA MM/HU guidance Q19 (basic functions are those commonly attributed to a tissue)",
        );
        /// The surface of the skin or of a wound, covered by a graft or membrane.
        SkinOrWoundSurface => "skin_or_wound_surface", "skin or wound surface", site(
            &[F::Covering, F::Barrier], Some("UBERON:0002097"),
            "FDA MM/HU guidance (2017, rev. 2020), Q18 (skin covering a burn wound is homologous use) and Example 20-1",
        );
        /// The dermis, the connective layer of the skin (intradermal injection).
        Dermis => "dermis", "dermis (in the skin)", site(
            &[F::Covering, F::Support, F::Barrier], Some("UBERON:0002067"),
            "FDA MM/HU guidance (2017, rev. 2020), Example 20-1 (the dermis covers, supports and protects) and Q18 (dermal matrix in facial wrinkles supplements tissue)",
        );
        /// Subcutaneous tissue, including soft-tissue voids of the face or hands.
        Subcutaneous => "subcutaneous", "subcutaneous tissue", site(
            &[F::Cushioning, F::Support, F::EnergyStorage], Some("UBERON:0002072"),
            "FDA MM/HU guidance (2017, rev. 2020), Example 19-6(a) (adipose tissue filling voids in the face or hands provides cushioning and support)",
        );
        /// The breast, e.g. its subcutaneous areas in reconstruction or augmentation.
        Breast => "breast", "breast", site(
            &[F::Cushioning, F::Support], Some("UBERON:0000310"),
            "FDA MM/HU guidance (2017, rev. 2020), Example 19-6(d) (adipose tissue in the subcutaneous areas of the breast provides cushioning and support)",
        );
        /// The surface of the eye (cornea, conjunctiva).
        EyeSurface => "eye_surface", "surface of the eye", site(
            &[F::Covering, F::Barrier], Some("UBERON:0010409"),
            "FDA MM/HU guidance (2017, rev. 2020), Examples 19-2 (the cornea protects the eye) and 19-4(c) (amniotic membrane covering the eye surface)",
        );
        /// Heart muscle (myocardium).
        HeartMuscle => "heart_muscle", "heart muscle", site(
            &[F::Contraction], Some("UBERON:0002349"),
            "Heart muscle contracts to pump blood; FDA MM/HU guidance Example 19-1(b) (limiting ventricular remodeling is not a basic function of bone marrow)",
        );
        /// The coronary arteries, reached by an intracoronary catheter.
        CoronaryCirculation => "coronary_circulation", "coronary circulation", site(
            &[F::Conduit], Some("UBERON:0001621"),
            "FDA MM/HU guidance (2017, rev. 2020), Example 19-3 (vessels serve as a conduit for blood flow) and Example 19-1(b)",
        );
        /// The bloodstream as a whole, reached by intravenous or intra-arterial infusion.
        /// Blood vessels conduct blood, and infused blood-forming cells reconstitute blood
        /// formation from it.
        SystemicCirculation => "systemic_circulation", "blood / systemic circulation", site(
            &[F::Conduit, F::Hematopoiesis], Some("UBERON:0000178"),
            "FDA MM/HU guidance (2017, rev. 2020), Examples 19-1(a) (infused HPCs reconstitute the hematopoietic system) and 19-3 (vessels as conduits)",
        );
        /// The central nervous system: brain, spinal cord and the fluid around them
        /// (intrathecal, intracerebral).
        CentralNervousSystem => "central_nervous_system", "central nervous system (brain, spinal cord, CSF)", site(
            &[F::NerveConduction], Some("UBERON:0001017"),
            "FDA MM/HU guidance (2017, rev. 2020), Example 19-1(c) (repair of neurologic tissue is not a basic function of cord blood cells)",
        );
        /// The bone marrow cavity, where blood is formed.
        BoneMarrowCavity => "bone_marrow_cavity", "bone marrow cavity", site(
            &[F::Hematopoiesis], Some("UBERON:0002371"),
            "FDA MM/HU guidance (2017, rev. 2020), Example 19-1 (the basic functions of HPCs include forming and replenishing the lymphohematopoietic system)",
        );
        /// A perianal fistula tract: an abnormal passage, with no tissue function to supplement.
        /// Closing it is healing, which the indication states.
        PerianalFistulaTract => "perianal_fistula_tract", "perianal fistula tract", site(
            &[], None,
            "A fistula is a pathological tract; closing it is wound healing, a clinical effect rather than a basic tissue function (FDA MM/HU guidance Q19 and Example 19-4(b))",
        );
        /// The lungs and airways, reached by inhalation.
        Lung => "lung", "lung / airways", site(
            &[F::GasExchange], Some("UBERON:0002048"),
            "The lung exchanges gases; FDA MM/HU guidance Q19 (basic functions are those commonly attributed to a tissue)",
        );
    }
}
