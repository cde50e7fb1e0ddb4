#pragma once
// Shared pieces of the Kafka suites: real recordings as EditEvents, field-by-field comparison,
// and waiting for a consumer on its own thread.

#include <string>
#include <vector>

#include <QElapsedTimer>
#include <QString>
#include <QTest>

#include "event/EditEvent.h"
#include "ingest/IngestChain.h"
#include "support/Recordings.h"

namespace wt::test {

// Every accepted event of tests/data/<name>, enriched, as the in-process ingest path builds it.
inline event::EventBatch recordingEvents(const QString& name)
{
    event::EventBatch out;
    ingest::IngestChain chain;
    for (const auto& line : recordingLines(name))
        chain.process(line, out);
    return out;
}

// Empty when equal, else the first differing field.
inline QString eventDifference(const event::EditEvent& a, const event::EditEvent& b)
{
#define WT_CMP(f)                                                                                  \
    if (!(a.f == b.f))                                                                              \
        return QStringLiteral(#f " differs for %1").arg(QString::fromStdString(a.metaId));
    WT_CMP(timeMs) WT_CMP(idHash) WT_CMP(rcId) WT_CMP(revOld) WT_CMP(revNew) WT_CMP(lengthOld)
    WT_CMP(lengthNew) WT_CMP(delta) WT_CMP(ns) WT_CMP(flags) WT_CMP(type) WT_CMP(metaId) WT_CMP(wiki)
    WT_CMP(serverName) WT_CMP(project) WT_CMP(language) WT_CMP(title) WT_CMP(user) WT_CMP(comment)
    WT_CMP(diffUrl) WT_CMP(logType)
#undef WT_CMP
    return {};
}

// Spins the event loop until pred() or timeoutMs; returns pred().
template <typename Pred>
bool waitFor(Pred pred, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!pred() && timer.elapsed() < timeoutMs)
        QTest::qWait(10);
    return pred();
}

} // namespace wt::test

#include <QThread>
#include <unordered_map>

#include "transport/KafkaSource.h"

namespace wt::test {

// A KafkaSource on its own thread, as the app runs it, collecting what it emits on this thread.
class SourceRunner : public QObject {
public:
    explicit SourceRunner(transport::KafkaSource* source)
        : m_source(source)
    {
        m_source->moveToThread(&m_thread);
        connect(&m_thread, &QThread::started, m_source, &transport::KafkaSource::start);
        connect(m_source, &transport::KafkaSource::batchReady, this, [this](event::EventBatchPtr batch) {
            for (const auto& e : *batch)
                events.push_back(e);
            ++batches;
        });
        connect(m_source, &transport::KafkaSource::stateChanged, this,
                [this](transport::KafkaState state, const QString& message) {
                    states.push_back(state);
                    messages.push_back(message);
                });
        connect(m_source, &transport::KafkaSource::countersChanged, this,
                [this](const transport::KafkaSourceCounters& c) { counters = c; });
        connect(m_source, &transport::KafkaSource::lagChanged, this,
                [this](const transport::KafkaLag& l) { lag = l; ++lagReports; });
        connect(m_source, &transport::KafkaSource::partitionsAssigned, this, [this](int n) { assigned = n; });
    }
    ~SourceRunner() override { stop(); delete m_source; }

    void start() { m_thread.start(); }
    void stop()
    {
        if (!m_thread.isRunning())
            return;
        QMetaObject::invokeMethod(m_source, [this] { counters = m_source->counters(); m_source->stop(); },
                                  Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    bool waitForEvents(std::size_t n, int timeoutMs)
    {
        return waitFor([&] { return events.size() >= n; }, timeoutMs);
    }

    std::vector<event::EditEvent> events;
    std::vector<transport::KafkaState> states;
    QStringList messages;
    transport::KafkaSourceCounters counters;
    transport::KafkaLag lag;
    int lagReports = 0;
    int batches = 0;
    int assigned = 0;

private:
    transport::KafkaSource* m_source;
    QThread m_thread;
};

// Every produced event arrived exactly once with identical fields: empty, or what went wrong.
inline QString exactlyOnce(const event::EventBatch& produced, const std::vector<event::EditEvent>& consumed)
{
    std::unordered_map<std::string, const event::EditEvent*> byId;
    for (const auto& e : produced)
        byId.emplace(e.metaId, &e);
    std::unordered_map<std::string, int> seen;
    for (const auto& e : consumed) {
        auto it = byId.find(e.metaId);
        if (it == byId.end())
            return QStringLiteral("unexpected event %1").arg(QString::fromStdString(e.metaId));
        if (++seen[e.metaId] > 1)
            return QStringLiteral("event %1 arrived twice").arg(QString::fromStdString(e.metaId));
        const QString diff = eventDifference(*it->second, e);
        if (!diff.isEmpty())
            return diff;
    }
    if (seen.size() != byId.size())
        return QStringLiteral("%1 of %2 distinct events arrived").arg(seen.size()).arg(byId.size());
    return {};
}

} // namespace wt::test
