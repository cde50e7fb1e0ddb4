#pragma once
// Real recentchange recordings turned into EditEvents for the analytics suites: through the
// ingest chain (parse + enrich + dedup) when it is built, else through the parser plus the few
// derived fields the analytics read (delta, new page, anonymous/temporary, project/language).

#include <QHostAddress>
#include <QString>

#include "enrich/HostTable.h"
#include "event/EditEvent.h"
#include "event/EventParser.h"
#include "support/Recordings.h"

#if __has_include("ingest/IngestChain.h")
#include "ingest/IngestChain.h"
#define WT_TEST_HAVE_INGEST_CHAIN 1
#endif

namespace wt::test {

inline void enrichForTest(event::EditEvent& e)
{
    using namespace event;
    if (e.serverName.empty())
        e.serverName = enrich::hostFromWiki(e.wiki);
    if (e.wiki.empty())
        e.wiki = enrich::wikiFromHost(e.serverName);
    const enrich::HostInfo host = enrich::lookupHost(e.serverName);
    e.project = std::string(host.project);
    e.language = std::string(host.language);
    if (!e.has(Flag::NoLength))
        e.delta = e.lengthNew - e.lengthOld;
    if (e.type == EditType::New)
        e.flags |= Flag::NewPage;
    if (!e.user.empty() && e.user[0] == '~')
        e.flags |= Flag::Temporary;
    else if (!QHostAddress(QString::fromStdString(e.user)).isNull())
        e.flags |= Flag::Anonymous;
}

inline event::EventBatch loadRecording(const QString& name)
{
    event::EventBatch out;
#ifdef WT_TEST_HAVE_INGEST_CHAIN
    ingest::IngestChain chain;
    for (const std::string& line : recordingLines(name))
        chain.process(line, out);
#else
    event::EventParser parser;
    for (const std::string& line : recordingLines(name)) {
        event::EditEvent e;
        if (parser.parse(line, e).status != event::ParseStatus::Ok)
            continue;
        enrichForTest(e);
        out.push_back(std::move(e));
    }
#endif
    return out;
}

inline event::EventBatch loadAllRecordings()
{
    event::EventBatch all;
    for (const QString& file : recordingFiles()) {
        event::EventBatch part = loadRecording(file);
        std::move(part.begin(), part.end(), std::back_inserter(all));
    }
    return all;
}

} // namespace wt::test
