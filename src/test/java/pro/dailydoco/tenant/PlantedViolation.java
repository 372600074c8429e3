package pro.dailydoco.tenant;

import pro.dailydoco.audit.AuditLog;

/** Test only: an import the layout rules forbid, which LayoutTest proves its rules catch. Never used at run time. */
public class PlantedViolation {

    AuditLog auditLog;
}
