#include "AppIcon.h"

// wt_ui is a static library: without an explicit reference the linker drops its resources.
// Q_INIT_RESOURCE declares an extern function, so this must live outside any namespace.
static void initResources() { Q_INIT_RESOURCE(wikitide); }

namespace wt::ui {

QIcon appIcon()
{
    initResources();
    QIcon icon;
    for (int size : {16, 32, 48, 64, 128, 256})
        icon.addFile(QStringLiteral(":/icons/wikitide-%1.png").arg(size), QSize(size, size));
    return icon;
}

} // namespace wt::ui
