# With globbed sources and Ninja, CMake 3.25's AUTOMOC keeps a depfile of the headers it saw
# and does not re-run when a new Q_OBJECT header appears, so an existing build tree fails to
# link. Make the autogen step depend on a file that changes exactly when the source list does.
function(wt_autogen_tracks_sources target)
    string(JOIN "\n" listing ${ARGN})
    set(stamp ${CMAKE_CURRENT_BINARY_DIR}/${target}_sources.txt)
    file(CONFIGURE OUTPUT ${stamp} CONTENT "${listing}\n" @ONLY)
    set_property(TARGET ${target} APPEND PROPERTY AUTOGEN_TARGET_DEPENDS ${stamp})
endfunction()
