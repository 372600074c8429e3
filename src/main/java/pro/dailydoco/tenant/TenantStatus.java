package pro.dailydoco.tenant;

public enum TenantStatus {
    ACTIVE,
    SUSPENDED
}
