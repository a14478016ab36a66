{{#if holder.name}}
{{#unless info.proactive}}
@p {{holder.name}}{{#each withheld}}{{what}}{{#if consent}}同意{{/if}}{{/each}}
{{/unless}}
{{/if}}
@p 甲{{#if office.fax}}乙

丙
