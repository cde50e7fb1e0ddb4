#include "store/LabelCache.h"

#include <QtDebug>

#include <sqlite3.h>

#include "store/HistoryDatabase.h"
#include "store/SqliteStatement.h"

namespace wt::store {

LabelCache::LabelCache(HistoryDatabase* db) : m_db(db) {}

bool LabelCache::usesDatabase() const { return m_db && m_db->isOpen() && !m_dbFailed; }

std::optional<LabelInfo> LabelCache::lookup(const QString& qid, const QString& language, qint64 nowMs)
{
    const QString k = key(qid, language);
    if (auto it = m_memory.constFind(k); it != m_memory.constEnd()) {
        if (it->expiresAtMs > nowMs)
            return it->info;
        m_memory.erase(it);
        return std::nullopt; // the file holds the same expiry
    }
    if (!usesDatabase())
        return std::nullopt;
    SqliteStatement st(m_db->handle(),
                       "SELECT label, description, label_language, expires_at, status FROM "
                       "wikidata_labels WHERE qid = ?1 AND language = ?2");
    st.bind(1, qid);
    st.bind(2, language);
    if (st.step() != SQLITE_ROW)
        return std::nullopt;
    Entry e;
    e.info.label = st.text(0);
    e.info.description = st.text(1);
    e.info.language = st.text(2);
    e.expiresAtMs = st.int64(3);
    e.info.status = st.int64(4) == 0 ? LabelInfo::Status::Found : LabelInfo::Status::Missing;
    if (e.expiresAtMs <= nowMs)
        return std::nullopt;
    if (m_memory.size() >= kMaxMemoryEntries)
        m_memory.clear(); // the file still has them; memory is only the fast path
    m_memory.insert(k, e);
    return e.info;
}

void LabelCache::store(const LabelMap& labels, const QString& language, qint64 nowMs,
                       qint64 foundTtlMs, qint64 missingTtlMs)
{
    if (m_memory.size() + labels.size() > kMaxMemoryEntries)
        m_memory.clear();
    for (auto it = labels.cbegin(); it != labels.cend(); ++it) {
        const qint64 ttl = it->found() ? foundTtlMs : missingTtlMs;
        m_memory.insert(key(it.key(), language), Entry{*it, nowMs + ttl});
    }
    if (!usesDatabase() || labels.isEmpty())
        return;
    sqlite3* db = m_db->handle();
    DbResult r = execSql(db, "BEGIN IMMEDIATE");
    SqliteStatement st(db, "INSERT OR REPLACE INTO wikidata_labels (qid, language, label, description, "
                           "label_language, fetched_at, expires_at, status) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    for (auto it = labels.cbegin(); r.ok() && it != labels.cend(); ++it) {
        st.reset();
        st.bind(1, it.key());
        st.bind(2, language);
        st.bind(3, it->label);
        st.bind(4, it->description);
        st.bind(5, it->language);
        st.bind(6, nowMs);
        st.bind(7, nowMs + (it->found() ? foundTtlMs : missingTtlMs));
        st.bind(8, std::int64_t(it->found() ? 0 : 1));
        const int rc = st.step();
        if (rc != SQLITE_DONE)
            r = DbResult::fromDb(db, rc, QStringLiteral("cannot cache labels"));
    }
    if (r.ok())
        r = execSql(db, "COMMIT");
    if (!r.ok()) {
        execSql(db, "ROLLBACK");
        m_dbFailed = true; // keep answering from memory; the history store reports the file
        qWarning().noquote() << "WikiTide: label cache continues in memory:" << r.message;
    }
}

} // namespace wt::store
