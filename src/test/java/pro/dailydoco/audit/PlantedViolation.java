package pro.dailydoco.audit;

import pro.dailydoco.tenant.TenantContext;

/** Test only: an import the layout rules forbid, which LayoutTest proves its rules catch. Never used at run time. */
public class PlantedViolation {

    TenantContext tenantContext;
}
