package pro.dailydoco.core;

import pro.dailydoco.billing.BillingService;

/** Test only: an import the layout rules forbid, which LayoutTest proves its rules catch. Never used at run time. */
public class PlantedViolation {

    BillingService billing;
}
