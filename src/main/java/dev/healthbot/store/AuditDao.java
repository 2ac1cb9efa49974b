package dev.healthbot.store;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The one insert into {@code audit_log}, shared by every DAO whose changes are audited in the same transaction. */
interface AuditDao {

    @SqlUpdate(
            """
            INSERT INTO audit_log (at, actor, action, subject, detail)
            VALUES (:at, :actor, :action, :subject, :detail)
            """)
    void audit(
            @Bind("at") long at,
            @Bind("actor") String actor,
            @Bind("action") String action,
            @Bind("subject") String subject,
            @Bind("detail") String detail);
}
