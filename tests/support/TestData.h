#pragma once
// Paths of the repo's test data and built programs, resolved at compile time for the test suites.

#include <QString>

namespace wt::test {

inline QString dataPath(const QString& relative)
{
    return QStringLiteral(WT_TEST_DATA_DIR) + QLatin1Char('/') + relative;
}

inline QString appPath() { return QStringLiteral(WT_APP_PATH); }

} // namespace wt::test
