package pro.dailydoco.scim;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import pro.dailydoco.core.database.Row;

/** Who is in which directory group, in the workspace in context (row-level security scopes every statement). */
@ApplicationScoped
class ScimGroupMembers {

    record Member(UUID scimUserId, String userName, String displayName) {
    }

    record GroupRef(UUID groupId, String displayName) {
    }

    private final EntityManager entityManager;

    ScimGroupMembers(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    List<Member> of(UUID groupId) {
        return Row.list(entityManager.createNativeQuery("""
                select u.id as scim_user_id, u.user_name as user_name, u.display_name as display_name
                from scim_group_member m join scim_user u on u.id = m.scim_user_id
                where m.group_id = ?1 order by u.user_name""", Tuple.class).setParameter(1, groupId))
                .stream().map(r -> new Member(r.uuid("scim_user_id"), r.string("user_name"), r.string("display_name"))).toList();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    List<GroupRef> groupsOf(UUID scimUserId) {
        return Row.list(entityManager.createNativeQuery("""
                select g.id as group_id, g.display_name as display_name
                from scim_group_member m join scim_group g on g.id = m.group_id
                where m.scim_user_id = ?1 order by g.display_name""", Tuple.class).setParameter(1, scimUserId))
                .stream().map(r -> new GroupRef(r.uuid("group_id"), r.string("display_name"))).toList();
    }

    /** The users among {@code ids} that exist in this workspace (another workspace's ids are not seen). */
    @Transactional(Transactional.TxType.MANDATORY)
    List<UUID> existingUsers(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return Row.list(entityManager.createNativeQuery("select id as id from scim_user where id = any(cast(?1 as uuid[]))", Tuple.class)
                .setParameter(1, ids.stream().map(UUID::toString).toArray(String[]::new)))
                .stream().map(r -> r.uuid("id")).toList();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    int add(UUID tenantId, UUID groupId, Collection<UUID> scimUserIds) {
        int added = 0;
        for (UUID userId : scimUserIds) {
            added += entityManager.createNativeQuery("""
                    insert into scim_group_member (tenant_id, group_id, scim_user_id) values (?1, ?2, ?3)
                    on conflict do nothing""")
                    .setParameter(1, tenantId).setParameter(2, groupId).setParameter(3, userId).executeUpdate();
        }
        return added;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    int remove(UUID groupId, Collection<UUID> scimUserIds) {
        if (scimUserIds.isEmpty()) {
            return 0;
        }
        return entityManager.createNativeQuery("delete from scim_group_member where group_id = ?1 and scim_user_id = any(cast(?2 as uuid[]))")
                .setParameter(1, groupId).setParameter(2, scimUserIds.stream().map(UUID::toString).toArray(String[]::new))
                .executeUpdate();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    int removeAll(UUID groupId) {
        return entityManager.createNativeQuery("delete from scim_group_member where group_id = ?1").setParameter(1, groupId).executeUpdate();
    }
}
