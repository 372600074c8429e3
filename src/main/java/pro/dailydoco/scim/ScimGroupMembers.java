package pro.dailydoco.scim;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

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
        return of(List.of(groupId)).getOrDefault(groupId, List.of());
    }

    /** The members of each of these groups, in one statement (a page of groups is not a query per group). */
    @Transactional(Transactional.TxType.MANDATORY)
    Map<UUID, List<Member>> of(Collection<UUID> groupIds) {
        if (groupIds.isEmpty()) {
            return Map.of();
        }
        return Row.list(entityManager.createNativeQuery("""
                select m.group_id as group_id, u.id as scim_user_id, u.user_name as user_name, u.display_name as display_name
                from scim_group_member m join scim_user u on u.id = m.scim_user_id
                where m.group_id = any(cast(?1 as uuid[])) order by u.user_name""", Tuple.class).setParameter(1, array(groupIds)))
                .stream().collect(Collectors.groupingBy(r -> r.uuid("group_id"),
                        Collectors.mapping(r -> new Member(r.uuid("scim_user_id"), r.string("user_name"), r.string("display_name")),
                                Collectors.toList())));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    List<GroupRef> groupsOf(UUID scimUserId) {
        return groupsOf(List.of(scimUserId)).getOrDefault(scimUserId, List.of());
    }

    /** The groups of each of these users, in one statement (a page of users is not a query per user). */
    @Transactional(Transactional.TxType.MANDATORY)
    Map<UUID, List<GroupRef>> groupsOf(Collection<UUID> scimUserIds) {
        if (scimUserIds.isEmpty()) {
            return Map.of();
        }
        return Row.list(entityManager.createNativeQuery("""
                select m.scim_user_id as scim_user_id, g.id as group_id, g.display_name as display_name
                from scim_group_member m join scim_group g on g.id = m.group_id
                where m.scim_user_id = any(cast(?1 as uuid[])) order by g.display_name""", Tuple.class)
                .setParameter(1, array(scimUserIds)))
                .stream().collect(Collectors.groupingBy(r -> r.uuid("scim_user_id"),
                        Collectors.mapping(r -> new GroupRef(r.uuid("group_id"), r.string("display_name")), Collectors.toList())));
    }

    /** The users among {@code ids} that exist in this workspace (another workspace's ids are not seen). */
    @Transactional(Transactional.TxType.MANDATORY)
    List<UUID> existingUsers(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return Row.list(entityManager.createNativeQuery("select id as id from scim_user where id = any(cast(?1 as uuid[]))", Tuple.class)
                .setParameter(1, array(ids)))
                .stream().map(r -> r.uuid("id")).toList();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    int add(UUID tenantId, UUID groupId, Collection<UUID> scimUserIds) {
        if (scimUserIds.isEmpty()) {
            return 0;
        }
        return entityManager.createNativeQuery("""
                insert into scim_group_member (tenant_id, group_id, scim_user_id)
                select cast(?1 as uuid), cast(?2 as uuid), member from unnest(cast(?3 as uuid[])) as member
                on conflict do nothing""")
                .setParameter(1, tenantId).setParameter(2, groupId).setParameter(3, array(scimUserIds)).executeUpdate();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    int remove(UUID groupId, Collection<UUID> scimUserIds) {
        if (scimUserIds.isEmpty()) {
            return 0;
        }
        return entityManager.createNativeQuery("delete from scim_group_member where group_id = ?1 and scim_user_id = any(cast(?2 as uuid[]))")
                .setParameter(1, groupId).setParameter(2, array(scimUserIds))
                .executeUpdate();
    }

    private static String[] array(Collection<UUID> ids) {
        return ids.stream().map(UUID::toString).toArray(String[]::new);
    }
}
