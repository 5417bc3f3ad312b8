//! Whether the cells serve the same essential function in the recipient as in the donor, and the claimed functions.

use super::*;

/// Art 2(1)(c), second indent: not the same essential function(s), judged on the site of use
/// and the functions the indications imply as well as the declared ones (the shared
/// homologous-use analysis).
pub(super) fn essential_function(p: &Profile<'_>, f: &mut Finding) {
    let h = p.homologous();
    h.open(f);
    match h.verdict {
        HomologousVerdict::Homologous => {
            f.judge(Outcome::NotMet, Severity::Info)
                .why(&reasons::EVERY_DECLARED_IMPLIED_FUNCTION_BASIC);
        }
        HomologousVerdict::NotHomologous(why) => {
            f.judge(Outcome::Met, Severity::Info)
                .point_at(why.path())
                .why(why.reason());
        }
        HomologousVerdict::Undetermined => {
            f.why(&reasons::FACT_COMPARISON_FUNCTIONS_NEEDS_MISSING)
                .lack_all(&h.missing);
        }
    }
}

/// The functions the product is presented to perform: the declared ones and those its
/// indications imply.
pub(super) fn claimed_functions(product: &Product) -> homologous::Functions {
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
pub(super) const fn is_regenerative(function: TissueFunction) -> bool {
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
pub(super) const fn is_pharmacological(mechanism: Mechanism) -> bool {
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
pub(super) const fn eu_precedent(indication: Indication) -> Option<(bool, bool)> {
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
pub(super) fn indication_claims(product: &Product) -> (bool, bool) {
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
