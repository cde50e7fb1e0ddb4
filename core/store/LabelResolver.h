#pragma once
// Resolves Wikidata Q-ids to labels: the cache first, then wbgetentities requests of at most 50
// ids, one in flight, rate limited, Retry-After honoured, failures retried with back-off.
// Lives on the storage thread (its QNetworkAccessManager is created there, on first use).

#include <functional>

#include <QElapsedTimer>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QUrl>

#include "store/StoreTypes.h"

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace wt::store {

class LabelCache;

struct LabelResolverConfig {
    bool enabled = true;              // false: cache only, never a request (e.g. --offline)
    QUrl apiUrl = QUrl(QStringLiteral("https://www.wikidata.org/w/api.php"));
    QString language = QStringLiteral("en"); // user's language; English is the fallback
    double maxRequestsPerSecond = 2.0;
    int maxIdsPerRequest = 50;        // the API's limit for anonymous clients
    int maxPendingIds = 20'000;       // bounded queue; overflow dropped and counted
    qint64 foundTtlMs = 30LL * 24 * 3600 * 1000;
    qint64 missingTtlMs = 3LL * 3600 * 1000;
    int requestTimeoutMs = 20'000;
    int initialBackoffMs = 2'000;     // after a failed request; doubles up to maxBackoffMs
    int maxBackoffMs = 300'000;
    int maxRetryAfterMs = 600'000;    // a Retry-After longer than this is capped
    std::function<qint64()> clock;    // wall clock (ms) for TTLs; default: system clock
};

struct LabelResolverStats {
    quint64 requests = 0;
    quint64 failures = 0;      // HTTP error, network error, malformed answer
    quint64 rateLimited = 0;   // 429 / 503 answers
    quint64 cacheHits = 0;
    quint64 resolved = 0;      // ids answered by the API (found or missing)
    quint64 dropped = 0;       // ids refused because the queue was full
    int pending = 0;
};

class LabelResolver : public QObject {
    Q_OBJECT
public:
    LabelResolver(LabelCache& cache, LabelResolverConfig config, QObject* parent = nullptr);
    ~LabelResolver() override;

    LabelResolverStats stats() const;
    static bool isItemId(const QString& id); // ^Q[1-9][0-9]*$

public slots:
    // Valid cached labels are answered at once (one labelsReady); the rest are fetched.
    void requestLabels(const QStringList& qids);

signals:
    void labelsReady(const wt::store::LabelMap& labels);

private:
    void schedule();
    void sendNext();
    void onFinished(QNetworkReply* reply);
    void requeue(const QStringList& ids);
    void backOff(qint64 delayMs);
    qint64 wallNow() const;

    LabelCache& m_cache;
    LabelResolverConfig m_config;
    QNetworkAccessManager* m_network = nullptr;
    QNetworkReply* m_inFlight = nullptr;
    QStringList m_inFlightIds;
    QStringList m_queue;
    QSet<QString> m_queued;
    QTimer* m_timer = nullptr;
    QElapsedTimer m_monotonic;
    qint64 m_nextAllowedMs = 0; // on m_monotonic
    qint64 m_backoffMs = 0;
    LabelResolverStats m_stats;
};

} // namespace wt::store
