-- Clusters stored before the control-plane preset, Velero's bucket and the GPU Operator, Velero
-- and Gateway API add-ons get what they had: the default API server preset, no bucket, those
-- add-ons off (a stored spec holds every configurable field, defaults applied).
UPDATE resources
   SET spec = spec
     || jsonb_build_object('controlPlanePreset', COALESCE(spec->'controlPlanePreset', '"medium"'::jsonb), 'backupBucketId', COALESCE(spec->'backupBucketId', 'null'::jsonb))
     || CASE WHEN jsonb_typeof(spec->'addons') = 'object'
             THEN jsonb_build_object('addons', jsonb_build_object('gpuOperator', false, 'velero', false, 'gatewayAPI', false) || (spec->'addons'))
             ELSE '{}'::jsonb END
 WHERE kind = 'cluster';
