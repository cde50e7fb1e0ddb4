#include "SnapshotExport.h"

#include <QCoreApplication>

namespace wt::ui {

ExportResult exportSnapshot(const analytics::DashboardSnapshot&, const QString&)
{
    // Hooked up to exporter::CsvExporter once the analytics branch is merged.
    return {false, {},
            QCoreApplication::translate("wt::ui", "CSV export is not available in this build.")};
}

} // namespace wt::ui
