package pro.dailydoco.sso;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;

import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.InitialDirContext;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;

/** TXT look-ups through the JDK's DNS provider (the system's resolvers), with short timeouts. */
@ApplicationScoped
@DefaultBean
public class JndiDnsTxtLookup implements DnsTxtLookup {

    @Override
    public List<String> txt(String name) {
        Hashtable<String, String> env = new Hashtable<>();
        env.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
        env.put("com.sun.jndi.dns.timeout.initial", "2000");
        env.put("com.sun.jndi.dns.timeout.retries", "2");
        List<String> values = new ArrayList<>();
        try {
            Attribute records = new InitialDirContext(env).getAttributes(name, new String[] { "TXT" }).get("TXT");
            if (records != null) {
                NamingEnumeration<?> all = records.getAll();
                while (all.hasMore()) {
                    values.add(all.next().toString().replace("\"", ""));
                }
            }
        } catch (NamingException e) {
            return List.of();
        }
        return values;
    }
}
