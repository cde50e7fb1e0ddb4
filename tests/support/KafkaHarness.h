#pragma once
// Shared pieces of the Kafka suites: real recordings as EditEvents, field-by-field comparison,
// and waiting for a consumer on its own thread.

#include <string>
#include <vector>

#include <QElapsedTimer>
#include <QString>
#include <QTest>

#include "event/EditEvent.h"
#include "event/EventParser.h"
#include "support/Recordings.h"

namespace wt::test {

// Every accepted event of tests/data/<name>, as the ingest parser builds it.
inline event::EventBatch recordingEvents(const QString& name)
{
    event::EventBatch out;
    event::EventParser parser;
    for (const auto& line : recordingLines(name)) {
        event::EditEvent e;
        if (parser.parse(line, e).status == event::ParseStatus::Ok)
            out.push_back(std::move(e));
    }
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
