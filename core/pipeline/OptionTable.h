#pragma once
// The table of wikitide's options: name, value name, help text, default text, and how a list
// is spelled in the environment. One table drives --help, the WIKITIDE_* names and the
// settings-file keys, so an option can never be resolvable in one place and missing from
// another. Pure data, any thread.

#include <QString>
#include <vector>

namespace wt::pipeline {

struct OptionSpec {
    const char* name;        // long name ("lookback"), or a single letter ("X")
    const char* valueName;   // empty for flags
    QString help;
    QString defaultText;     // shown as "(default: ...)"
    bool repeatable = false; // every occurrence counts (lists)
    char envSeparator = ','; // how a list is split in WIKITIDE_<NAME>
    const char* envName = nullptr; // overrides WIKITIDE_<NAME>
    const char* group = "";  // heading in the README's Options section (not shown in --help)
};

const std::vector<OptionSpec>& optionSpecs();
const OptionSpec* findOption(const QString& name);
QString envNameOf(const OptionSpec& spec);

} // namespace wt::pipeline
