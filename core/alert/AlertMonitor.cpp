#include "alert/AlertMonitor.h"

#include "Logging.h"
#include "pipeline/HealthMetrics.h"

namespace wt::alert {

using pipeline::MetricType;

AlertMonitor::AlertMonitor(pipeline::HealthMetrics* metrics, AlertEngineConfig config, QObject* parent)
    : QObject(parent)
    , m_metrics(metrics)
    , m_engine(config)
{
    qRegisterMetaType<wt::alert::Alert>();
    qRegisterMetaType<wt::event::EventBatchPtr>();
    if (m_metrics) {
        const QString s = QStringLiteral("Alerts");
        m_metrics->describe(QStringLiteral("alerts_raised"), MetricType::Counter, QStringLiteral("Alert notices raised (summaries included)."), s);
        m_metrics->describe(QStringLiteral("alerts_suppressed"), MetricType::Counter, QStringLiteral("Alert notices held back, by limit (cooldown per rule and subject, or the per-minute cap)."), s);
        m_metrics->describe(QStringLiteral("alerts_counter_evictions"), MetricType::Counter, QStringLiteral("Active surge counters dropped because their map was full, by scope."), s);
        m_metrics->describe(QStringLiteral("alerts_tracked_keys"), MetricType::Gauge, QStringLiteral("Pages and wikis with surge counters, by scope."), s);
        m_metrics->describe(QStringLiteral("alerts_rules"), MetricType::Gauge, QStringLiteral("Active alert rules."), s);
    }
}

void AlertMonitor::setRules(const QVariantList& rules)
{
    QStringList errors;
    const auto parsed = rulesFromVariant(rules, &errors);
    errors += m_engine.setRules(parsed);
    for (const QString& e : errors)
        qCWarning(wt::lcAlert).noquote() << "alert rule refused:" << e;
    if (!errors.isEmpty())
        emit rulesRejected(errors);
    std::vector<Alert> none;
    publish(none);
}

void AlertMonitor::processBatch(const wt::event::EventBatchPtr& batch)
{
    if (!batch)
        return;
    std::vector<Alert> alerts;
    m_engine.process(*batch, alerts);
    publish(alerts);
}

void AlertMonitor::advanceTo(qint64 nowMs)
{
    std::vector<Alert> alerts;
    m_engine.advanceTo(nowMs, alerts);
    publish(alerts);
}

void AlertMonitor::publish(std::vector<Alert>& alerts)
{
    for (Alert& a : alerts) {
        qCInfo(wt::lcAlert).noquote() << a.ruleName << "-" << a.reason;
        emit alertRaised(a);
    }
    if (!m_metrics)
        return;
    const AlertEngineStats s = m_engine.stats();
    m_metrics->set(QStringLiteral("alerts_raised"), static_cast<double>(s.alerts));
    m_metrics->set(QStringLiteral("alerts_suppressed"), static_cast<double>(s.suppressed), {{QStringLiteral("limit"), QStringLiteral("cooldown")}});
    m_metrics->set(QStringLiteral("alerts_suppressed"), static_cast<double>(s.suppressedGlobal), {{QStringLiteral("limit"), QStringLiteral("per_minute")}});
    m_metrics->set(QStringLiteral("alerts_counter_evictions"), static_cast<double>(s.pageEvictions), {{QStringLiteral("scope"), QStringLiteral("page")}});
    m_metrics->set(QStringLiteral("alerts_counter_evictions"), static_cast<double>(s.wikiEvictions), {{QStringLiteral("scope"), QStringLiteral("wiki")}});
    m_metrics->set(QStringLiteral("alerts_tracked_keys"), static_cast<double>(s.trackedPages), {{QStringLiteral("scope"), QStringLiteral("page")}});
    m_metrics->set(QStringLiteral("alerts_tracked_keys"), static_cast<double>(s.trackedWikis), {{QStringLiteral("scope"), QStringLiteral("wiki")}});
    m_metrics->set(QStringLiteral("alerts_rules"), static_cast<double>(s.rules));
}

} // namespace wt::alert
