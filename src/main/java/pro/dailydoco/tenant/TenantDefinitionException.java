package pro.dailydoco.tenant;

/** A tenant definition file that cannot be applied; the message is one line naming the file and the field. */
public class TenantDefinitionException extends RuntimeException {

    public TenantDefinitionException(String file, String field, String problem) {
        super(file + ": field '" + field + "' " + problem, null, false, false);
    }

    public TenantDefinitionException(String file, String problem) {
        super(file + ": " + problem, null, false, false);
    }
}
