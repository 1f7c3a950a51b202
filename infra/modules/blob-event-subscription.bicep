// Event Grid subscription that delivers BlobCreated events of one container to the blob extension's webhook
// of a function app, for a blob trigger with Source = BlobTriggerSource.EventGrid (in function.json terms
// "source": "EventGrid"), the only blob trigger Flex Consumption runs.
//
// The webhook belongs to the Functions host's blob extension, not to the worker, so its URL is the same for the
// .NET isolated worker as for any other language: /runtime/webhooks/blobs?functionName=Host.Functions.<function
// name>&code=<blobs_extension system key>, where <function name> is the [Function("...")] name.
//
// Deploy only after the code is running: the webhook URL carries the blobs_extension system key, which the
// host creates when the blob extension first loads, and Event Grid validates the endpoint on creation.
// The key is read here, inside the module, so it never appears in the parent deployment's parameters.

@description('Name of the existing function app.')
param functionAppName string

@description('Name of the existing Event Grid system topic on the storage account.')
param systemTopicName string

@description('Name of the blob-triggered function, as in its [Function("...")] attribute.')
param functionName string

@description('Blob container whose new blobs trigger the function.')
param containerName string

@description('Name of the event subscription.')
param subscriptionName string = '${functionName}-blob-created'

resource functionApp 'Microsoft.Web/sites@2025-03-01' existing = {
  name: functionAppName
}

resource systemTopic 'Microsoft.EventGrid/systemTopics@2025-02-15' existing = {
  name: systemTopicName
}

var blobsExtensionKey = listKeys('${functionApp.id}/host/default', functionApp.apiVersion).systemKeys.blobs_extension

resource subscription 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = {
  parent: systemTopic
  name: subscriptionName
  properties: {
    destination: {
      endpointType: 'WebHook'
      properties: {
        endpointUrl: 'https://${functionApp.properties.defaultHostName}/runtime/webhooks/blobs?functionName=Host.Functions.${functionName}&code=${blobsExtensionKey}'
        maxEventsPerBatch: 1
        preferredBatchSizeInKilobytes: 64
      }
    }
    filter: {
      includedEventTypes: [
        'Microsoft.Storage.BlobCreated'
      ]
      subjectBeginsWith: '/blobServices/default/containers/${containerName}/'
      isSubjectCaseSensitive: false
    }
    eventDeliverySchema: 'EventGridSchema'
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
  }
}

@description('Name of the event subscription.')
output subscriptionName string = subscription.name
