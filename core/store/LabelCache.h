#pragma once
// Cache of resolved Wikidata labels: an in-memory map in front of the wikidata_labels table of
// the history file, or memory only when there is no usable file. Storage thread only.

#include <optional>

#include <QHash>
#include <QString>

#include "store/StoreTypes.h"

namespace wt::store {

class HistoryDatabase;

class LabelCache {
public:
    static constexpr int kMaxMemoryEntries = 200'000;

    // db may be null or closed: the cache then lives in memory only.
    explicit LabelCache(HistoryDatabase* db = nullptr);

    // A still valid entry (found or missing) for qid in the requested language, else nothing.
    std::optional<LabelInfo> lookup(const QString& qid, const QString& language, qint64 nowMs);
    // Stores answers of one request in one transaction; found ones live foundTtlMs, missing
    // ones (no entity, or no label in either language) missingTtlMs.
    void store(const LabelMap& labels, const QString& language, qint64 nowMs, qint64 foundTtlMs,
               qint64 missingTtlMs);

    bool usesDatabase() const;
    int memoryEntries() const { return int(m_memory.size()); }

private:
    struct Entry {
        LabelInfo info;
        qint64 expiresAtMs = 0;
    };
    static QString key(const QString& qid, const QString& language) { return qid + QLatin1Char('|') + language; }

    HistoryDatabase* m_db;
    bool m_dbFailed = false;
    QHash<QString, Entry> m_memory;
};

} // namespace wt::store
