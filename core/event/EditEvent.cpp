#include "event/EditEvent.h"

namespace wt::event {

const char* editTypeName(EditType type)
{
    switch (type) {
    case EditType::Edit: return "edit";
    case EditType::New: return "new";
    case EditType::Log: return "log";
    case EditType::Categorize: return "categorize";
    case EditType::External: return "external";
    case EditType::Other: break;
    }
    return "other";
}

EditType editTypeFromName(std::string_view name)
{
    if (name == "edit")
        return EditType::Edit;
    if (name == "new")
        return EditType::New;
    if (name == "log")
        return EditType::Log;
    if (name == "categorize")
        return EditType::Categorize;
    if (name == "external")
        return EditType::External;
    return EditType::Other; // includes number-as-string types such as "142"
}

} // namespace wt::event
