#pragma once
// One alert notice raised by the AlertEngine (analytics thread) and carried by value to the
// UI thread (alert log, tray) or printed as a JSON line by the headless runner.

#include <QByteArray>
#include <QMetaType>
#include <QString>
#include <cstdint>

#include "alert/AlertRule.h"

namespace wt::alert {

struct Alert {
    std::int64_t timeMs = 0;   // event time of the engine clock when raised
    QString ruleId;
    QString ruleName;
    RuleKind kind = RuleKind::Keyword;
    QString reason;            // human text, e.g. "enwiki: 48 edits in 15 min vs 3 in the hour before"
    QString subject;           // page ("enwiki:Title"), wiki ("enwiki"), keyword pattern or "stream"
    QString url;               // page / diff URL when there is one
    std::uint64_t suppressed = 0; // notices for this rule and subject held back since the last one
    bool summary = false;      // a notice that only reports suppressed repeats
};

// {"type":"alert","time":"2024-02-06T16:58:08.000Z","timeMs":...,"ruleId":...,"rule":...,
//  "kind":"surge","subject":...,"reason":...,"url":...,"suppressed":0,"summary":false}
// One line, no trailing newline, UTF-8.
QByteArray alertToJsonLine(const Alert& alert);

} // namespace wt::alert

Q_DECLARE_METATYPE(wt::alert::Alert)
