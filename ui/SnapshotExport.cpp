#include "SnapshotExport.h"

#include "export/CsvExporter.h"

namespace wt::ui {

ExportResult exportSnapshot(const analytics::DashboardSnapshot& snapshot, const QString& parentDir)
{
    // The engine's exporter writes the same files the headless runner does; the UI adds nothing.
    const exporter::ExportResult written = exporter::CsvExporter::write(snapshot, parentDir);
    return {written.ok, written.folder, written.error};
}

} // namespace wt::ui
