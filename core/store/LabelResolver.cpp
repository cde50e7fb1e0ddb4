#include "store/LabelResolver.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QTimer>
#include <QUrlQuery>
#include <QtDebug>

#include "store/LabelCache.h"
#include "wikitide/Version.h"

namespace wt::store {

namespace {

// Retry-After is either delta-seconds or an HTTP date; -1 when absent or unreadable.
qint64 retryAfterMs(const QByteArray& value)
{
    const QByteArray v = value.trimmed();
    if (v.isEmpty())
        return -1;
    bool ok = false;
    const qint64 seconds = v.toLongLong(&ok);
    if (ok)
        return seconds < 0 ? -1 : seconds * 1000;
    const QDateTime when = QDateTime::fromString(QString::fromLatin1(v), Qt::RFC2822Date);
    if (!when.isValid())
        return -1;
    return std::max<qint64>(0, when.toMSecsSinceEpoch() - QDateTime::currentMSecsSinceEpoch());
}

QString pick(const QJsonObject& byLanguage, const QString& language, QString* usedLanguage)
{
    for (const QString& lang : {language, QStringLiteral("en")}) {
        const QString value = byLanguage.value(lang).toObject().value(QLatin1String("value")).toString();
        if (!value.isEmpty()) {
            if (usedLanguage)
                *usedLanguage = lang;
            return value;
        }
    }
    return {};
}

} // namespace

LabelResolver::LabelResolver(LabelCache& cache, LabelResolverConfig config, QObject* parent)
    : QObject(parent), m_cache(cache), m_config(std::move(config))
{
    if (m_config.language.isEmpty())
        m_config.language = QStringLiteral("en");
    m_config.maxIdsPerRequest = std::clamp(m_config.maxIdsPerRequest, 1, 50);
    m_timer = new QTimer(this);
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &LabelResolver::sendNext);
    m_monotonic.start();
}

LabelResolver::~LabelResolver()
{
    if (m_inFlight) {
        m_inFlight->disconnect(this);
        m_inFlight->abort();
    }
}

bool LabelResolver::isItemId(const QString& id)
{
    static const QRegularExpression re(QStringLiteral("^Q[1-9][0-9]{0,11}$"));
    return re.match(id).hasMatch();
}

qint64 LabelResolver::wallNow() const
{
    return m_config.clock ? m_config.clock() : QDateTime::currentMSecsSinceEpoch();
}

LabelResolverStats LabelResolver::stats() const
{
    LabelResolverStats s = m_stats;
    s.pending = int(m_queue.size() + m_inFlightIds.size());
    return s;
}

void LabelResolver::requestLabels(const QStringList& qids)
{
    LabelMap hits;
    const qint64 now = wallNow();
    for (const QString& qid : qids) {
        if (!isItemId(qid) || hits.contains(qid))
            continue;
        if (auto cached = m_cache.lookup(qid, m_config.language, now)) {
            hits.insert(qid, *cached);
            ++m_stats.cacheHits;
            continue;
        }
        if (!m_config.enabled || m_queued.contains(qid) || m_inFlightIds.contains(qid))
            continue;
        if (m_queue.size() >= m_config.maxPendingIds) {
            ++m_stats.dropped;
            continue;
        }
        m_queue.append(qid);
        m_queued.insert(qid);
    }
    if (!hits.isEmpty())
        emit labelsReady(hits);
    schedule();
}

void LabelResolver::schedule()
{
    if (m_inFlight || m_queue.isEmpty() || m_timer->isActive())
        return;
    m_timer->start(int(std::max<qint64>(0, m_nextAllowedMs - m_monotonic.elapsed())));
}

void LabelResolver::sendNext()
{
    if (m_inFlight || m_queue.isEmpty())
        return;
    const qint64 now = wallNow();
    QStringList ids;
    LabelMap hits;
    while (!m_queue.isEmpty() && ids.size() < m_config.maxIdsPerRequest) {
        const QString qid = m_queue.takeFirst();
        m_queued.remove(qid);
        // Another request may have answered it while it waited.
        if (auto cached = m_cache.lookup(qid, m_config.language, now))
            hits.insert(qid, *cached);
        else
            ids.append(qid);
    }
    if (!hits.isEmpty())
        emit labelsReady(hits);
    if (ids.isEmpty()) {
        schedule();
        return;
    }
    if (!m_network) {
        m_network = new QNetworkAccessManager(this);
        m_network->setTransferTimeout(m_config.requestTimeoutMs);
    }
    QUrl url = m_config.apiUrl;
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("action"), QStringLiteral("wbgetentities"));
    query.addQueryItem(QStringLiteral("ids"), ids.join(QLatin1Char('|')));
    query.addQueryItem(QStringLiteral("props"), QStringLiteral("labels|descriptions"));
    const QString languages = m_config.language == QLatin1String("en")
                                  ? QStringLiteral("en")
                                  : m_config.language + QStringLiteral("|en");
    query.addQueryItem(QStringLiteral("languages"), languages);
    query.addQueryItem(QStringLiteral("format"), QStringLiteral("json"));
    url.setQuery(query);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::UserAgentHeader, QString::fromLatin1(wt::kUserAgent));
    request.setRawHeader("Accept", "application/json");
    m_inFlightIds = ids;
    m_inFlight = m_network->get(request);
    ++m_stats.requests;
    // The rate limit counts request starts: at most maxRequestsPerSecond, one in flight.
    const double rate = m_config.maxRequestsPerSecond > 0 ? m_config.maxRequestsPerSecond : 2.0;
    m_nextAllowedMs = std::max(m_nextAllowedMs, m_monotonic.elapsed() + qint64(1000.0 / rate));
    QNetworkReply* reply = m_inFlight;
    connect(reply, &QNetworkReply::finished, this, [this, reply]() { onFinished(reply); });
}

void LabelResolver::requeue(const QStringList& ids)
{
    // Back to the front: they were asked for first.
    for (auto it = ids.crbegin(); it != ids.crend(); ++it) {
        if (!m_queued.contains(*it)) {
            m_queue.prepend(*it);
            m_queued.insert(*it);
        }
    }
}

void LabelResolver::backOff(qint64 delayMs)
{
    m_nextAllowedMs = std::max(m_nextAllowedMs, m_monotonic.elapsed() + delayMs);
}

void LabelResolver::onFinished(QNetworkReply* reply)
{
    reply->deleteLater();
    m_inFlight = nullptr;
    const QStringList ids = std::exchange(m_inFlightIds, {});
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();

    if (status == 429 || status == 503) {
        ++m_stats.rateLimited;
        ++m_stats.failures;
        qint64 wait = retryAfterMs(reply->rawHeader("Retry-After"));
        if (wait < 0) {
            m_backoffMs = m_backoffMs ? std::min<qint64>(m_backoffMs * 2, m_config.maxBackoffMs)
                                      : m_config.initialBackoffMs;
            wait = m_backoffMs;
        }
        backOff(std::min<qint64>(wait, m_config.maxRetryAfterMs));
        requeue(ids);
        schedule();
        return;
    }

    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    const QJsonObject entities = doc.object().value(QLatin1String("entities")).toObject();
    const bool ok = reply->error() == QNetworkReply::NoError && status == 200 &&
                    parseError.error == QJsonParseError::NoError && doc.isObject() &&
                    doc.object().contains(QLatin1String("entities"));
    if (!ok) {
        // Nothing is cached: the ids are asked again after the back-off.
        ++m_stats.failures;
        m_backoffMs = m_backoffMs ? std::min<qint64>(m_backoffMs * 2, m_config.maxBackoffMs)
                                  : m_config.initialBackoffMs;
        backOff(m_backoffMs);
        requeue(ids);
        schedule();
        return;
    }
    m_backoffMs = 0;

    LabelMap answers;
    for (const QString& qid : ids) {
        // A redirected id stays keyed by the requested id; the entity inside is the target.
        const QJsonObject entity = entities.value(qid).toObject();
        LabelInfo info;
        if (!entity.isEmpty() && !entity.contains(QLatin1String("missing"))) {
            info.label = pick(entity.value(QLatin1String("labels")).toObject(), m_config.language,
                              &info.language);
            info.description = pick(entity.value(QLatin1String("descriptions")).toObject(),
                                    m_config.language, nullptr);
        }
        info.status = info.label.isEmpty() ? LabelInfo::Status::Missing : LabelInfo::Status::Found;
        if (!info.found())
            info.description.clear();
        answers.insert(qid, info);
    }
    m_stats.resolved += quint64(answers.size());
    m_cache.store(answers, m_config.language, wallNow(), m_config.foundTtlMs, m_config.missingTtlMs);
    emit labelsReady(answers);
    schedule();
}

} // namespace wt::store
