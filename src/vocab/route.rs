//! Delivery routes and image guidance.

use crate::SiteOfUse;
use crate::table::vocab;

/// **What the crate knows about a route**: one row of the [`Route`] table.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
#[non_exhaustive]
pub struct RouteInfo {
    /// Cells enter the circulation and reach the whole body (intravenous, intra-arterial), as
    /// opposed to staying where they are placed. Systemic doses are written per kg.
    pub systemic: bool,
    /// An injection into a joint, disc, tendon or bone, where the source texts expect ultrasound
    /// or fluoroscopy guidance.
    pub orthopaedic: bool,
    /// The endotoxin constant K of USP <85> for this route, in EU per kg: 0.2 intrathecally,
    /// 5 for every other parenteral route; `None` where the route is not parenteral.
    pub endotoxin_k_eu_per_kg: Option<f64>,
    /// Among the routes FDA said it would prioritise for enforcement as higher risk
    /// (intravenous, aerosol inhalation, intraocular, central nervous system).
    pub fda_higher_risk: bool,
    /// SNOMED CT route concept (FHIR `route-codes` value set), where one exists.
    pub snomed_ct: Option<&'static str>,
    /// EDQM Standard Terms route code, where one exists.
    pub edqm: Option<&'static str>,
    /// The site of use the route implies when the record states none: intravenous → the
    /// systemic circulation, intra-articular → a joint space. `None` where the route alone does
    /// not say where the product ends up (intralesional, intraosseous — marrow cavity or bone —,
    /// intraocular, topical — skin or eye): the site is then unknown until the record states it.
    pub default_site: Option<SiteOfUse>,
}

vocab! {
    /// **The route by which cells are given.**
    ///
    /// The first source text names the two families: "injections directly into joints, wounds, or
    /// damaged tissues", or "intravenously for systemic conditions". The route decides whether the
    /// dose is judged per kilogram ([`RouteInfo::systemic`]), whether image guidance is expected
    /// ([`RouteInfo::orthopaedic`]) and the endotoxin limit ([`RouteInfo::endotoxin_k_eu_per_kg`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::vocab::Route;
    ///
    /// assert!(Route::Intravenous.info().systemic);
    /// assert!(Route::IntraArticular.info().orthopaedic);
    /// assert_eq!(Route::Intrathecal.info().endotoxin_k_eu_per_kg, Some(0.2));
    /// assert_eq!(Route::IntraArticular.info().snomed_ct, Some("12130007"));
    /// ```
    #[non_exhaustive]
    pub enum Route: RouteInfo {
        /// Into a vein: the route for systemic conditions (GvHD, ARDS) and for Ryoncil.
        Intravenous => "intravenous", "intravenous", RouteInfo {
            systemic: true, orthopaedic: false, endotoxin_k_eu_per_kg: Some(5.0), fda_higher_risk: true,
            default_site: Some(SiteOfUse::SystemicCirculation),
            snomed_ct: Some("47625008"), edqm: Some("20045000"),
        };
        /// Into an artery, e.g. a limb artery for critical limb ischaemia. Systemic like the
        /// intravenous route, but not among the routes FDA named as higher risk.
        IntraArterial => "intra_arterial", "intra-arterial", RouteInfo {
            systemic: true, orthopaedic: false, endotoxin_k_eu_per_kg: Some(5.0), fda_higher_risk: false,
            default_site: Some(SiteOfUse::SystemicCirculation),
            snomed_ct: Some("58100008"), edqm: Some("20023000"),
        };
        /// Into a joint space, e.g. the knee for osteoarthritis.
        IntraArticular => "intra_articular", "intra-articular (into a joint)", RouteInfo {
            systemic: false, orthopaedic: true, endotoxin_k_eu_per_kg: Some(5.0), fda_higher_risk: false,
            default_site: Some(SiteOfUse::JointSpace),
            snomed_ct: Some("12130007"), edqm: Some("20024000"),
        };
        /// Around a joint, into ligaments or tendons near it.
        Periarticular => "periarticular", "periarticular", RouteInfo {
            systemic: false, orthopaedic: true, endotoxin_k_eu_per_kg: Some(5.0), fda_higher_risk: false,
            default_site: Some(SiteOfUse::TendonLigament),
            snomed_ct: Some("372474001"), edqm: Some("20057000"),
        };
        /// Into an intervertebral disc.
        Intradiscal => "intradiscal", "intradiscal", RouteInfo {
            systemic: false, orthopaedic: true, endotoxin_k_eu_per_kg: Some(5.0), fda_higher_risk: false,
            default_site: Some(SiteOfUse::IntervertebralDisc),
            snomed_ct: Some("372465003"), edqm: Some("20031000"),
        };
        /// Into bone.
        Intraosseous => "intraosseous", "intraosseous", RouteInfo {
            systemic: false, orthopaedic: true, endotoxin_k_eu_per_kg: Some(5.0), fda_higher_risk: false,
            default_site: None,
            snomed_ct: Some("417255000"), edqm: Some("20036500"),
        };
        /// Into a lesion: a wound, a fistula tract (Alofisel, Cupistem) or damaged tissue.
        Intralesional => "intralesional", "intralesional (into a wound or lesion)", RouteInfo {
            systemic: false, orthopaedic: false, endotoxin_k_eu_per_kg: Some(5.0), fda_higher_risk: false,
            default_site: None,
            snomed_ct: Some("372466002"), edqm: Some("20032000"),
        };
        /// Into a muscle, e.g. calf muscles for limb ischaemia (Stempeucel).
        Intramuscular => "intramuscular", "intramuscular", RouteInfo {
            systemic: false, orthopaedic: false, endotoxin_k_eu_per_kg: Some(5.0), fda_higher_risk: false,
            default_site: Some(SiteOfUse::SkeletalMuscle),
            snomed_ct: Some("78421000"), edqm: Some("20035000"),
        };
        /// Into the fluid around the spinal cord (NeuroNata-R for ALS). USP <85> uses a lower
        /// endotoxin constant here: 0.2 EU/kg.
        Intrathecal => "intrathecal", "intrathecal", RouteInfo {
            systemic: false, orthopaedic: false, endotoxin_k_eu_per_kg: Some(0.2), fda_higher_risk: true,
            default_site: Some(SiteOfUse::CentralNervousSystem),
            snomed_ct: Some("72607000"), edqm: Some("20042000"),
        };
        /// Into a coronary artery (Hearticellgram-AMI).
        Intracoronary => "intracoronary", "intracoronary", RouteInfo {
            systemic: false, orthopaedic: false, endotoxin_k_eu_per_kg: Some(5.0), fda_higher_risk: false,
            default_site: Some(SiteOfUse::CoronaryCirculation),
            snomed_ct: Some("372463005"), edqm: Some("20029000"),
        };
        /// Into heart muscle, e.g. by catheter from inside the heart (transendocardial).
        /// Neither SNOMED CT nor EDQM has an "intramyocardial" route; SNOMED's transendocardial
        /// concept is the usual proxy.
        Intramyocardial => "intramyocardial", "intramyocardial / transendocardial", RouteInfo {
            systemic: false, orthopaedic: false, endotoxin_k_eu_per_kg: Some(5.0), fda_higher_risk: false,
            default_site: Some(SiteOfUse::HeartMuscle),
            snomed_ct: Some("446435000"), edqm: None,
        };
        /// Into the brain (Akuugo, implanted around injured tissue).
        Intracerebral => "intracerebral", "intracerebral", RouteInfo {
            systemic: false, orthopaedic: false, endotoxin_k_eu_per_kg: Some(5.0), fda_higher_risk: true,
            default_site: Some(SiteOfUse::CentralNervousSystem),
            snomed_ct: None, edqm: None,
        };
        /// Into the eye.
        Intraocular => "intraocular", "intraocular", RouteInfo {
            systemic: false, orthopaedic: false, endotoxin_k_eu_per_kg: Some(5.0), fda_higher_risk: true,
            default_site: None,
            snomed_ct: None, edqm: None,
        };
        /// Breathed in as an aerosol (nebulised "exosome" products).
        Inhalation => "inhalation", "aerosol inhalation", RouteInfo {
            systemic: false, orthopaedic: false, endotoxin_k_eu_per_kg: None, fda_higher_risk: true,
            default_site: Some(SiteOfUse::Lung),
            snomed_ct: None, edqm: None,
        };
        /// Under the skin.
        Subcutaneous => "subcutaneous", "subcutaneous", RouteInfo {
            systemic: false, orthopaedic: false, endotoxin_k_eu_per_kg: Some(5.0), fda_higher_risk: false,
            default_site: Some(SiteOfUse::Subcutaneous),
            snomed_ct: Some("34206005"), edqm: Some("20066000"),
        };
        /// Into the skin.
        Intradermal => "intradermal", "intradermal", RouteInfo {
            systemic: false, orthopaedic: false, endotoxin_k_eu_per_kg: Some(5.0), fda_higher_risk: false,
            default_site: Some(SiteOfUse::Dermis),
            snomed_ct: Some("372464004"), edqm: Some("20030000"),
        };
        /// Onto a surface, e.g. a membrane laid over a wound. EDQM has no "topical" term.
        Topical => "topical", "topical (onto a surface)", RouteInfo {
            systemic: false, orthopaedic: false, endotoxin_k_eu_per_kg: None, fda_higher_risk: false,
            default_site: None,
            snomed_ct: Some("6064005"), edqm: None,
        };
    }
}

vocab! {
    /// **How the needle is guided to its target.**
    ///
    /// The second source text: orthopaedic injections "should almost always be done under
    /// ultrasound or fluoroscopy (X-ray) guidance"; a blind injection risks putting the cells in
    /// the wrong tissue.
    ///
    /// # Examples
    ///
    /// ```
    /// use msc_therapy::vocab::ImageGuidance;
    ///
    /// assert!(ImageGuidance::Ultrasound.is_imaging());
    /// assert!(!ImageGuidance::Landmark.is_imaging());
    /// ```
    #[non_exhaustive]
    pub enum ImageGuidance {
        /// Real-time ultrasound.
        Ultrasound => "ultrasound", "ultrasound";
        /// Fluoroscopy: real-time X-ray, often with contrast dye.
        Fluoroscopy => "fluoroscopy", "fluoroscopy (X-ray)";
        /// Computed tomography.
        ComputedTomography => "computed_tomography", "CT";
        /// Magnetic resonance imaging.
        MagneticResonance => "magnetic_resonance", "MRI";
        /// Seen directly during surgery or arthroscopy.
        DirectVisualisation => "direct_visualisation", "direct visualisation (surgery / arthroscopy)";
        /// No imaging: the needle is placed by feeling anatomical landmarks ("blind").
        Landmark => "landmark", "none (landmark-guided, blind)";
    }
}

impl ImageGuidance {
    /// The needle is seen while it is placed (anything but landmark guidance).
    #[must_use]
    pub const fn is_imaging(self) -> bool {
        !matches!(self, Self::Landmark)
    }
}
