#include "analytics/AnalyticsEngine.h"

#include <QDateTime>

#include "analytics/KeywordMonitor.h"
#include "analytics/SnapshotBuilder.h"

namespace wt::analytics {

namespace {
AnalyticsConfig clamped(AnalyticsConfig c)
{
    c.lookbackMs = std::clamp(c.lookbackMs, kMinLookbackMs, kMaxLookbackMs);
    c.latenessMs = std::clamp<std::int64_t>(c.latenessMs, 0, kMaxLatenessMs);
    c.refreshMs = std::clamp(c.refreshMs, kMinRefreshMs, kMaxRefreshMs);
    c.topN = std::clamp(c.topN, kMinTopN, kMaxTopN);
    return c;
}
} // namespace

void AnalyticsEngine::registerMetaTypes()
{
    qRegisterMetaType<wt::event::EventBatchPtr>();
    qRegisterMetaType<wt::analytics::DashboardSnapshotPtr>();
    qRegisterMetaType<wt::analytics::MinuteSummaryPtr>();
    qRegisterMetaType<wt::analytics::Filter>();
    qRegisterMetaType<wt::ingest::IngestCounters>();
    qRegisterMetaType<wt::store::LabelMap>();
}

AnalyticsEngine::AnalyticsEngine(AnalyticsConfig config, QObject* parent)
    : QObject(parent), m_config(clamped(std::move(config))), m_agg(m_config), m_timer(this)
{
    registerMetaTypes();
    m_timer.setInterval(m_config.refreshMs);
    connect(&m_timer, &QTimer::timeout, this, &AnalyticsEngine::tick);
}

void AnalyticsEngine::ingest(const event::EventBatch& batch)
{
    for (const event::EditEvent& e : batch)
        m_agg.ingest(e);
    emitMinutes();
}

void AnalyticsEngine::emitMinutes()
{
    for (auto& m : m_agg.takeClosedMinutes())
        emit minuteClosed(m);
    for (auto& m : m_agg.takeLateUpdates())
        emit minuteLateUpdated(m);
}

DashboardSnapshotPtr AnalyticsEngine::buildSnapshot()
{
    SnapshotBuilder::Options o;
    o.topN = m_config.topN;
    o.recentCap = m_config.recentCap;
    o.sequence = ++m_sequence;
    o.wallMs = QDateTime::currentMSecsSinceEpoch();
    std::vector<std::string_view> wanted;
    o.labels = &m_labels;
    o.wantedQids = &wanted;
    o.history = m_history.empty() ? nullptr : &m_history;
    DashboardSnapshotPtr snap = SnapshotBuilder::build(m_agg, o, m_ingest);
    if (!wanted.empty()) {
        const QStringList ask = m_labels.takeWanted(wanted, o.wallMs);
        if (!ask.isEmpty())
            emit labelsWanted(ask);
    }
    return snap;
}

std::vector<MinuteSummaryPtr> AnalyticsEngine::closeAllMinutes()
{
    auto closed = m_agg.closeAllMinutes();
    for (auto& m : closed)
        emit minuteClosed(m);
    return closed;
}

QString AnalyticsEngine::keywordError(const QString& pattern) const
{
    return KeywordMonitor::validate(pattern);
}

void AnalyticsEngine::onBatch(wt::event::EventBatchPtr batch)
{
    if (batch)
        ingest(*batch);
}

void AnalyticsEngine::setLookback(qint64 ms)
{
    m_config.lookbackMs = std::clamp<std::int64_t>(ms, kMinLookbackMs, kMaxLookbackMs);
    m_agg.setLookback(m_config.lookbackMs);
}

void AnalyticsEngine::setRefreshInterval(int ms)
{
    m_config.refreshMs = std::clamp(ms, kMinRefreshMs, kMaxRefreshMs);
    m_timer.setInterval(m_config.refreshMs);
}

void AnalyticsEngine::setTopN(int n) { m_config.topN = std::clamp(n, kMinTopN, kMaxTopN); }

void AnalyticsEngine::setFilter(const wt::analytics::Filter& f)
{
    m_config.filter = f;
    m_agg.setFilter(f);
}

void AnalyticsEngine::setKeywords(const QStringList& patterns)
{
    m_config.keywords.clear();
    for (const QString& p : patterns)
        m_config.keywords.push_back(p.toStdString());
    for (const auto& [pattern, error] : m_agg.setKeywords(patterns))
        emit keywordsRejected(pattern, error);
}

void AnalyticsEngine::setIngestCounters(const wt::ingest::IngestCounters& c) { m_ingest = c; }

void AnalyticsEngine::setLabels(const wt::store::LabelMap& labels) { m_labels.set(labels); }

void AnalyticsEngine::setHistoryFill(const std::vector<MinuteSummaryPtr>& minutes)
{
    m_history.setMinutes(minutes);
}

void AnalyticsEngine::start() { m_timer.start(); }

void AnalyticsEngine::stop() { m_timer.stop(); }

void AnalyticsEngine::tick() { emit snapshotReady(buildSnapshot()); }

} // namespace wt::analytics
