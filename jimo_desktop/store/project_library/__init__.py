"""项目库: projects and their yearly listings, the in-memory index, the lookups an import needs,
纳统, the lights, the names typed before, what an export lists."""
