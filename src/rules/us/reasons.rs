//! The reasons the US engine (21 CFR 1271) gives, one row each: the code (`U001`, …) and its sentence.
//! A finding names its row (`.why(&reasons::NAME)`, a verb of `crate::rules::write::Fill`); the rules write no free text.

use crate::reason::reasons;

reasons! {
    NOT_REACHED_NOT_HCTP = "U001": "not reached: the product is not an HCT/P, so Part 1271 does not apply";
    NOT_REACHED_EXCEPTED = "U002": "not reached: the same surgical procedure exception applies, so the 1271.10(a) criteria are not needed";
    PROCESSING_STEP_ALTERS_RELEVANT_CHARACTERISTICS = "U003": "a processing step alters the relevant characteristics the tissue had in the donor, so the product is more than minimally manipulated; data on the process cannot change a step FDA's guidance calls more than minimal";
    STEP_CAN_MINIMAL_ONLY_DATA = "U004": "a step can be minimal only with data on the specific process, and none is recorded: without such data FDA considers the processing more than minimal";
    STEP_CRATE_CANNOT_CLASSIFY_RECORDED = "U005": "a step the crate cannot classify is recorded: data the maker holds cannot settle it, so FDA's Tissue Reference Group or a Request for Designation must";
    PROCESSING_STEPS_STATED_SO_WHETHER = "U006": "the processing steps are not stated, so whether the product is minimally manipulated cannot be judged";
    TISSUE_S_FDA_CLASS_STRUCTURAL = "U007": "the tissue's FDA class (structural or nonstructural, as in the donor) is needed to judge a step whose effect differs between the two";
    EVERY_STEP_KEEPS_RELEVANT_CHARACTERISTICS = "U008": "every step keeps the relevant characteristics of every source tissue named, structural and nonstructural alike (1271.3(f))";
    EVERY_STEP_KEEPS_ORIGINAL_CHARACTERISTICS = "U009": "every step keeps the original characteristics of the structural tissue relating to reconstruction, repair or replacement (1271.3(f)(1))";
    EVERY_STEP_KEEPS_RELEVANT_BIOLOGICAL = "U010": "every step keeps the relevant biological characteristics of the cells or nonstructural tissue (1271.3(f)(2))";
    EVERY_STEP_MINIMAL_STRUCTURAL_NONSTRUCTURAL = "U011": "every step is minimal for structural and nonstructural tissue alike";
    OFFERED_TREATMENT_MYRIAD_UNRELATED_DISEASES = "U012": "offered as a treatment for a myriad of unrelated diseases or conditions, so not intended for homologous use only (FDA MM/HU guidance, section IV, Q17)";
    HOMOLOGOUS_USE_COMPARES_SOURCE_TISSUE = "U013": "homologous use compares the source tissue's basic functions with the functions at the site of use, the functions the indications imply and the declared functions; a fact it needs is missing";
    EVERY_DECLARED_IMPLIED_FUNCTION_BASIC = "U014": "every declared and implied function is a basic function the source tissue performs in the donor, and the recipient's tissue performs it at the site of use (21 CFR 1271.3(c))";
    WHAT_WAS_COMBINED_CELLS_STATED = "U015": "what was combined with the cells is not stated (`[]` states that nothing was)";
    NOTHING_COMBINED_CELLS = "U016": "nothing is combined with the cells";
    ONLY_WATER_CRYSTALLOIDS_STERILIZING_PRESERVING = "U017": "only water, crystalloids or sterilizing, preserving or storage agents are added (allowed if they raise no new clinical safety concern)";
    CELLS_COMBINED_ANOTHER_ARTICLE_WHICH = "U018": "the cells are combined with another article, which 1271.10(a)(3) does not allow";
    AUTOLOGOUS_USE_FIRST_SECOND_DEGREE = "U019": "for autologous use, a first- or second-degree blood relative, or reproductive use, so a systemic effect or dependence on living cells is allowed (1271.10(a)(4)(ii))";
    HAS_SYSTEMIC_EFFECT_DEPENDS_LIVING_3 = "U020": "has a systemic effect or depends on living cells (derived from the route or the claimed mechanisms, as the record does not say), and is neither autologous, for a close blood relative, nor reproductive";
    HAS_SYSTEMIC_EFFECT_DEPENDS_METABOLIC = "U021": "has a systemic effect or depends on the metabolic activity of living cells, and is neither autologous, for a first- or second-degree blood relative, nor reproductive";
    HAS_SYSTEMIC_EFFECT_DEPENDS_LIVING_2 = "U022": "has a systemic effect or depends on living cells, and comes from another person whose relation to the patient is not stated ('for allogeneic use'): a first- or second-degree blood relative would meet 1271.10(a)(4)(ii)(b), any other donor would not, so the criterion stays open until the relation is stated";
    HAS_SYSTEMIC_EFFECT_DEPENDS_LIVING = "U023": "has a systemic effect or depends on living cells; the donor (and, for a tissue not named, reproductive use) is needed to know whether it is autologous, for a close blood relative, or reproductive";
    SYSTEMIC_EFFECT_DEPENDENT_METABOLIC_ACTIVITY = "U024": "no systemic effect and not dependent on the metabolic activity of living cells for its primary function (1271.10(a)(4)(i))";
    WHETHER_HAS_SYSTEMIC_EFFECT_DEPENDS = "U025": "whether it has a systemic effect or depends on living cells is not recorded, and the donor does not settle it";
    CELLS_FROM_ANIMAL_HCT_PS = "U026": "cells from an animal are not HCT/Ps (21 CFR 1271.3(d)(6))";
    BLOOD_PRODUCT_SUCH_PLATELET_RICH = "U027": "a blood product such as platelet-rich plasma is not an HCT/P (21 CFR 1271.3(d)(2); FDA MM/HU guidance, section V.A)";
    CELL_FREE_SECRETED_PRODUCT_CELL = "U028": "a cell-free secreted product (cell factors, exosomes, conditioned medium) is not an HCT/P (21 CFR 1271.3(d)(3)); it cannot be a 361 HCT/P";
    PREPARATION_STATED_SECRETED_BODY_FLUID = "U029": "the preparation is stated as a secreted body fluid with no isolated cells, yet the processing steps isolate or grow cells: the record contradicts itself, so whether the 1271.3(d) exclusion for secreted fluids applies is not known";
    SECRETED_BODY_FLUID_SUCH_AMNIOTIC = "U030": "a secreted body fluid such as amniotic fluid, with no cells isolated from it, is generally not an HCT/P (FDA MM/HU guidance, section III.C, Q15; 21 CFR 1271.3(d)(3))";
    MINIMALLY_MANIPULATED_BONE_MARROW_HOMOLOGOUS = "U031": "minimally manipulated bone marrow for homologous use, not combined with another article, is not an HCT/P (21 CFR 1271.3(d)(4))";
    BONE_MARROW_EXCLUDED_FROM_HCT = "U032": "bone marrow is excluded from HCT/Ps when minimally manipulated, for homologous use and not combined with another article (21 CFR 1271.3(d)(4)); the facts do not yet show whether it is";
    CELLS_ISOLATED_FROM_SECRETED_BODY = "U033": "cells isolated from a secreted body fluid are HCT/Ps (FDA MM/HU guidance, section III.C, Q15)";
    HUMAN_CELLS_TISSUE_IMPLANTATION_TRANSPLANTATION = "U034": "human cells or tissue for implantation, transplantation, infusion or transfer; no exclusion of 21 CFR 1271.3(d) applies";
    DONOR_PREPARATION_TISSUE_NEEDED_RULE = "U035": "the donor, the preparation and the tissue are needed to rule out the exclusions of 21 CFR 1271.3(d)";
    EXCEPTION_COVERS_ONLY_CELLS_REMOVED = "U036": "the exception covers only cells removed from and implanted into the same individual (autologous use)";
    REMOVAL_IMPLANTATION_SAME_SURGICAL_PROCEDURE = "U037": "removal and implantation are not in the same surgical procedure (e.g. the cells come back at a later visit)";
    STEP_ISOLATES_CELLS_FROM_TISSUE = "U038": "a step isolates cells from the tissue or changes or multiplies them, so the cells implanted are not the HCT/P removed: the exception does not apply (United States v. US Stem Cell Clinic, LLC, 998 F.3d 1302 (11th Cir. 2021); United States v. California Stem Cell Treatment Center, Inc., No. 22-56014 (9th Cir. 2024): 'the removed and implanted HCT/Ps must be the same')";
    COMBINED_ANOTHER_ARTICLE_CELLS_LONGER = "U039": "combined with another article, the cells are no longer 'such HCT/P' in their original form (the crate's conservative reading of 1271.15(b))";
    STEP_OTHER_THAN_RINSING_CLEANSING = "U040": "a step other than rinsing, cleansing, sizing or shaping (such as concentrating marrow in a centrifuge) lies between removal and implantation, and no source settles whether the cells implanted are still 'such HCT/P': the Ninth Circuit held that 'the removed and implanted HCT/Ps must be the same' (United States v. California Stem Cell Treatment Center, Inc., No. 22-56014, 27 Sep 2024; certiorari denied, No. 24-1189, 14 Oct 2025), as the Eleventh Circuit did (United States v. US Stem Cell Clinic, LLC, 998 F.3d 1302, 2021), so the exception is open; FDA's Tissue Reference Group or a Request for Designation can answer it";
    EXCEPTION_NEEDS_AUTOLOGOUS_USE_REMOVAL = "U041": "the exception needs autologous use, removal and implantation in one surgical procedure, the list of steps in between and what was added to the cells";
    AUTOLOGOUS_CELLS_REMOVED_IMPLANTED_SAME = "U042": "autologous cells removed and implanted in the same surgical procedure, with nothing in between but rinsing, cleansing, sizing or shaping, the steps that keep them 'such HCT/P' (FDA Same Surgical Procedure Exception guidance, Nov 2017)";
}
